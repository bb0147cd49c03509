package api

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

var ginParam = regexp.MustCompile(`:([a-zA-Z_]+)`)

// openAPIPath turns gin's "/a/:id" into OpenAPI's "/a/{id}".
func openAPIPath(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }

// OpenAPI builds the OpenAPI 3 document from the routes table.
func OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range apiRoutes {
		p := openAPIPath(rt.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"summary":     rt.summary,
			"operationId": strings.ToLower(rt.method) + strings.NewReplacer("/api/v1", "", "/", "_", ":", "", ".", "_").Replace(rt.path),
			"responses": map[string]any{
				"200":     map[string]any{"description": "OK"},
				"default": map[string]any{"description": "Error", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
			},
		}
		var params []any
		for _, m := range ginParam.FindAllStringSubmatch(rt.path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "integer"}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.perm == "" {
			op["security"] = []any{}
		} else {
			op["x-permission"] = string(rt.perm)
		}
		paths[p][strings.ToLower(rt.method)] = op
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "Verbatim API", "version": "1", "description": "Buyer-persona research: upload interviews and surveys, search buyer quotes and objections, read themes and personas."},
		"paths":   paths,
		"security": []any{
			map[string]any{"bearer": []any{}}, map[string]any{"session": []any{}},
		},
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": SessionCookie},
			},
			"schemas": map[string]any{
				"Error": map[string]any{"type": "object", "properties": map[string]any{
					"error": map[string]any{"type": "string"}, "code": map[string]any{"type": "string"}, "request_id": map[string]any{"type": "string"},
				}},
			},
		},
	}
}

func (s *Server) openAPI(c *gin.Context) error {
	c.JSON(http.StatusOK, s.doc)
	return nil
}
