package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona"
)

// StudyAccess is who sees a study (docs/ACCESS.md): its owner, the users
// and roles it is shared with, and whether the viewer may change that.
type StudyAccess struct {
	StudyID int64 `json:"study_id"`
	// OwnerID is the user who created the study; 0 when the system did.
	OwnerID   int64                 `json:"owner_id"`
	OwnerName string                `json:"owner_name,omitempty"`
	Members   []persona.StudyMember `json:"members"`
	// CanManage: the viewer is the owner or an admin.
	CanManage bool `json:"can_manage"`
}

// Share names whom to share a study with (or take it back from): one
// user, by id or name, or every user of a role.
type Share struct {
	UserID int64  `json:"user_id,omitempty"`
	User   string `json:"user,omitempty"`
	Role   string `json:"role,omitempty"`
}

// StudyAccess is who sees a study the viewer may see.
func (a *App) StudyAccess(ctx context.Context, studyID int64) (StudyAccess, error) {
	if err := a.CanSeeStudy(ctx, studyID); err != nil {
		return StudyAccess{}, err
	}
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return StudyAccess{}, err
	}
	members, err := a.store.StudyMembers(ctx, studyID)
	if err != nil {
		return StudyAccess{}, err
	}
	out := StudyAccess{StudyID: st.ID, OwnerID: st.OwnerID, Members: members}
	if st.OwnerID != 0 {
		if u, err := a.accounts.User(ctx, st.OwnerID); err == nil {
			out.OwnerName = u.Name
		}
	}
	_, err = a.canManageStudy(ctx, studyID)
	out.CanManage = err == nil
	return out, nil
}

// ShareStudy lets sh see the study; only its owner or an admin may.
func (a *App) ShareStudy(ctx context.Context, studyID int64, sh Share) (StudyAccess, error) {
	if _, err := a.canManageStudy(ctx, studyID); err != nil {
		return StudyAccess{}, err
	}
	m, err := a.member(ctx, studyID, sh)
	if err != nil {
		return StudyAccess{}, err
	}
	if err := a.store.AddStudyMember(ctx, m); err != nil {
		return StudyAccess{}, err
	}
	a.changed(studyID, ChangeStudy)
	return a.StudyAccess(ctx, studyID)
}

// UnshareStudy takes back a grant; only the study's owner or an admin
// may. The owner and admins keep seeing it.
func (a *App) UnshareStudy(ctx context.Context, studyID int64, sh Share) (StudyAccess, error) {
	if _, err := a.canManageStudy(ctx, studyID); err != nil {
		return StudyAccess{}, err
	}
	m := persona.StudyMember{StudyID: studyID, UserID: sh.UserID} // a deleted user's grant can go too
	if sh.UserID == 0 || sh.User != "" || sh.Role != "" {
		var err error
		if m, err = a.member(ctx, studyID, sh); err != nil {
			return StudyAccess{}, err
		}
	}
	if err := a.store.RemoveStudyMember(ctx, studyID, m.UserID, m.Role); err != nil {
		return StudyAccess{}, err
	}
	a.changed(studyID, ChangeStudy)
	return a.StudyAccess(ctx, studyID)
}

// member turns a Share into the grant it names.
func (a *App) member(ctx context.Context, studyID int64, sh Share) (persona.StudyMember, error) {
	sh.User, sh.Role = strings.TrimSpace(sh.User), strings.ToLower(strings.TrimSpace(sh.Role))
	named := 0
	for _, set := range []bool{sh.UserID != 0, sh.User != "", sh.Role != ""} {
		if set {
			named++
		}
	}
	if named != 1 {
		return persona.StudyMember{}, fmt.Errorf("share: name one user (user or user_id) or one role: %w", persona.ErrInvalid)
	}
	if sh.Role != "" {
		for _, r := range persona.SharedRoles {
			if r == sh.Role {
				return persona.StudyMember{StudyID: studyID, Role: r}, nil
			}
		}
		return persona.StudyMember{}, fmt.Errorf("share: role must be one of %s (admins see every study): %w",
			strings.Join(persona.SharedRoles, ", "), persona.ErrInvalid)
	}
	var u account.User
	var err error
	if sh.UserID != 0 {
		u, err = a.accounts.User(ctx, sh.UserID)
	} else {
		u, err = a.accounts.UserByName(ctx, sh.User)
	}
	if errors.Is(err, persona.ErrNotFound) {
		return persona.StudyMember{}, fmt.Errorf("share: no such user: %w", persona.ErrInvalid)
	}
	if err != nil {
		return persona.StudyMember{}, err
	}
	return persona.StudyMember{StudyID: studyID, UserID: u.ID, UserName: u.Name}, nil
}
