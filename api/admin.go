package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
)

func (s *Server) listUsers(c *gin.Context) error {
	users, err := s.accounts.Users(c.Request.Context())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"users": users})
	return nil
}

type userRequest struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Password string `json:"password"`
}

func (s *Server) createUser(c *gin.Context) error {
	var req userRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with name, role and password")
	}
	role, err := account.ParseRole(req.Role)
	if err != nil {
		return err
	}
	u, err := s.accounts.CreateUser(c.Request.Context(), req.Name, role, req.Password)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "user_create", u.Name, "role "+string(u.Role))
	c.JSON(http.StatusCreated, u)
	return nil
}

func (s *Server) updateUser(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req userRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with role or password")
	}
	u, err := s.accounts.User(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if req.Role != "" {
		role, err := account.ParseRole(req.Role)
		if err != nil {
			return err
		}
		if u, err = s.accounts.SetRole(c.Request.Context(), id, role); err != nil {
			return err
		}
		s.audit(c, accountUser(c), "role_change", u.Name, "role "+string(role))
	}
	if req.Password != "" {
		if err := s.accounts.SetPassword(c.Request.Context(), id, req.Password); err != nil {
			return err
		}
		s.audit(c, accountUser(c), "password_change", u.Name, "")
	}
	c.JSON(http.StatusOK, u)
	return nil
}

func (s *Server) deleteUser(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := s.accounts.User(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if err := s.app.DeleteUser(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "user_delete", u.Name, "")
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) listTokens(c *gin.Context) error {
	toks, err := s.accounts.Tokens(c.Request.Context(), 0)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"tokens": toks})
	return nil
}

type tokenRequest struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
}

func (s *Server) createToken(c *gin.Context) error {
	var req tokenRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return badRequest("send JSON with user_id and name")
	}
	if req.UserID == 0 {
		req.UserID = accountUser(c).ID
	}
	u, err := s.accounts.User(c.Request.Context(), req.UserID)
	if err != nil {
		return err
	}
	id, tok, err := s.accounts.CreateToken(c.Request.Context(), u.ID, req.Name)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "token_create", u.Name, "token "+itoa(id))
	c.JSON(http.StatusCreated, gin.H{"id": id, "token": tok, "user_id": u.ID, "name": req.Name,
		"note": "store this token now; it is not shown again"})
	return nil
}

func (s *Server) revokeToken(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.accounts.RevokeToken(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "token_revoke", "token "+itoa(id), "")
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) auditLog(c *gin.Context) error {
	limit, _ := strconv.Atoi(c.DefaultQuery("limit", "100"))
	offset, _ := strconv.Atoi(c.DefaultQuery("offset", "0"))
	if limit < 1 || limit > 1000 {
		limit = 100
	}
	entries, err := s.accounts.Audit(c.Request.Context(), limit, max(offset, 0))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"entries": entries})
	return nil
}
