package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// sharedWith is the study page's "Shared with" section.
func (s *Server) sharedWith(c *gin.Context, studyID int64) (frontend.SharedWith, error) {
	acc, err := s.app.StudyAccess(c.Request.Context(), studyID)
	if err != nil {
		return frontend.SharedWith{}, err
	}
	v := frontend.SharedWith{Owner: acc.OwnerName, CanManage: acc.CanManage, Roles: persona.SharedRoles}
	for _, m := range acc.Members {
		v.Members = append(v.Members, frontend.SharedMember{Role: m.Role, User: m.UserName, UserID: m.UserID})
	}
	return v, nil
}

// shareForm shares the study with the role or the user named in the form.
func (s *Server) shareForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	sh := app.Share{Role: c.PostForm("role")}
	if sh.Role == "" {
		sh.User = c.PostForm("user")
	}
	if _, err := s.app.ShareStudy(c.Request.Context(), id, sh); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "share_study", itoa(id), shareDetail(sh))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d#shared", id))
	return nil
}

// unshareForm takes back the grant named in the form (role or user_id).
func (s *Server) unshareForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	sh := app.Share{Role: c.PostForm("role")}
	if v := strings.TrimSpace(c.PostForm("user_id")); v != "" {
		if sh.UserID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return badRequest("user_id must be a number")
		}
	}
	if _, err := s.app.UnshareStudy(c.Request.Context(), id, sh); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "unshare_study", itoa(id), shareDetail(sh))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d#shared", id))
	return nil
}
