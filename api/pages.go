package api

import "github.com/gin-gonic/gin"

// pageRoutes registers the HTML pages and static files.
func (s *Server) pageRoutes(r *gin.Engine) {}
