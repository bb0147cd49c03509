package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/frontend"
)

func (s *Server) adminPage(c *gin.Context) error {
	me := accountUser(c)
	users, err := s.accounts.Users(c.Request.Context())
	if err != nil {
		return err
	}
	tokens, err := s.accounts.Tokens(c.Request.Context(), 0)
	if err != nil {
		return err
	}
	entries, err := s.accounts.Audit(c.Request.Context(), 100, 0)
	if err != nil {
		return err
	}
	v := frontend.Admin{Base: s.base(c, "Admin", "admin"), MinPassword: account.MinPassword}
	for _, r := range account.Roles() {
		v.Roles = append(v.Roles, string(r))
	}
	v.DefaultRole = v.Roles[len(v.Roles)-1] // Roles runs from most to least powerful
	for _, u := range users {
		v.Users = append(v.Users, frontend.UserRow{ID: u.ID, Name: u.Name, Role: string(u.Role), Created: when(u.CreatedAt), Self: u.ID == me.ID})
	}
	for _, t := range tokens {
		row := frontend.TokenRow{ID: t.ID, Name: t.Name, User: t.UserName, Created: when(t.CreatedAt), Used: "never", Revoked: t.RevokedAt != nil}
		if t.LastUsedAt != nil {
			row.Used = ago(*t.LastUsedAt)
		}
		v.Tokens = append(v.Tokens, row)
	}
	for _, e := range entries {
		v.Audit = append(v.Audit, frontend.AuditRow{At: when(e.At), User: e.UserName, Action: e.Action, Target: e.Target, Detail: e.Detail})
	}
	return s.render(c, http.StatusOK, "admin", v)
}

// accountPage lets anyone signed in change their own password.
func (s *Server) accountPage(c *gin.Context) error {
	v := frontend.AccountPage{Base: s.base(c, "Your account", "account"), MinPassword: account.MinPassword}
	return s.render(c, http.StatusOK, "account", v)
}
