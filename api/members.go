package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
)

// Who sees a study (docs/ACCESS.md): its owner, the users and roles it is
// shared with. Anyone who sees the study may read the list; its owner or
// an admin may change it.

func (s *Server) listMembers(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	acc, err := s.app.StudyAccess(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, acc)
	return nil
}

func (s *Server) addMember(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var sh app.Share
	if err := c.ShouldBindJSON(&sh); err != nil {
		return badRequest("send user (a name), user_id or role")
	}
	acc, err := s.app.ShareStudy(c.Request.Context(), id, sh)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "share_study", itoa(id), shareDetail(sh))
	c.JSON(http.StatusOK, acc)
	return nil
}

func (s *Server) removeMember(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	sh := app.Share{User: c.Query("user"), Role: c.Query("role")}
	if v := c.Query("user_id"); v != "" {
		if sh.UserID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return badRequest("user_id must be a number")
		}
	}
	acc, err := s.app.UnshareStudy(c.Request.Context(), id, sh)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "unshare_study", itoa(id), shareDetail(sh))
	c.JSON(http.StatusOK, acc)
	return nil
}

// shareDetail names the grant for the audit log.
func shareDetail(sh app.Share) string {
	switch {
	case sh.Role != "":
		return "role " + sh.Role
	case sh.User != "":
		return "user " + sh.User
	}
	return "user id " + strconv.FormatInt(sh.UserID, 10)
}
