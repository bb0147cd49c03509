package api

import (
	"io/fs"
	"net/http"
)

// filesOnly is a file system whose directories do not exist, so /static/
// answers 404 instead of listing what is in it.
type filesOnly struct{ http.FileSystem }

func (f filesOnly) Open(name string) (http.File, error) {
	file, err := f.FileSystem.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := file.Stat()
	if err != nil || info.IsDir() {
		file.Close()
		return nil, fs.ErrNotExist
	}
	return file, nil
}
