"""The OpenAPI 3.1 description of /api/v1 (kept beside the routes it describes)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..limits import COMMENT_CHARS, NOTE_CHARS

ERROR = {"$ref": "#/components/schemas/Error"}
VERSION_FIELD = {
    "type": "integer",
    "minimum": 1,
    "description": "the claim version the change is made against",
}
SOURCE_FIELDS = {
    "url": {"type": "string", "pattern": "^https?://"},
    "title": {"type": "string"},
    "publisher": {"type": "string"},
    "published": {"type": "string", "format": "date"},
    "accessed": {"type": "string", "format": "date"},
    "excerpt": {"type": "string"},
    "stance": {"enum": ["supports", "refutes", "context"]},
    "version": VERSION_FIELD,
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "in": "query", "schema": schema}
    if description:
        out["description"] = description
    return out


def _responses(ok: str, ok_schema: dict[str, Any], *codes: int) -> dict[str, Any]:
    out: dict[str, Any] = {ok: {"description": "success", **_json(ok_schema)}}
    texts = {
        400: "malformed JSON or duplicate keys",
        401: "not signed in and no API token",
        403: "the role does not allow this",
        404: "no such object",
        409: "changed since the given version, or the state does not allow it; carries `current`",
        413: "body too large",
        415: "body is not application/json",
        422: "invalid field values; carries `fields`",
    }
    for code in (401, *codes):
        out[str(code)] = {"description": texts[code], **_json(ERROR)}
    return out


def _move(name: str, needs: str | None) -> dict[str, Any]:
    props: dict[str, Any] = {"version": VERSION_FIELD}
    required = ["version"]
    if needs:
        props[needs] = {"type": "string", "maxLength": NOTE_CHARS}
        required.append(needs)
    return {
        "post": {
            "summary": f"{name} the claim",
            "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
            "requestBody": {
                "required": True,
                **_json({"type": "object", "properties": props, "required": required}),
            },
            "responses": _responses(
                "200", {"$ref": "#/components/schemas/Claim"}, 400, 403, 404, 409, 415, 422
            ),
        }
    }


PAGING_NOTE = (
    "Paginated: ?limit= (1-200, default 50) and either ?offset= or ?page= (from 1). The "
    "answer keeps items, total, limit and offset, and adds page and the URLs of the prev and "
    "next pages (null at either end); follow next until it is null."
)
PAGING_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
    },
    {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
    {
        "name": "page",
        "in": "query",
        "description": "page number from 1, instead of offset",
        "schema": {"type": "integer", "minimum": 1},
    },
]


def page_of(item: str) -> dict[str, Any]:
    """The schema of one page of a list answer."""
    link = {"type": ["string", "null"], "format": "uri-reference"}
    return {
        "type": "object",
        "required": ["items", "total", "limit", "offset", "page", "prev", "next"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
            "total": {"type": "integer", "minimum": 0},
            "limit": {"type": "integer", "minimum": 1},
            "offset": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "prev": link,
            "next": link,
        },
    }


@cache
def openapi_document() -> dict[str, Any]:
    """Build the document once."""
    article_doc = {"$ref": "/schemas/annotated-article.v2.json"}
    import_body = {
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "html": {"type": "string"},
            "title": {"type": "string"},
            "byline": {"type": "string"},
            "published": {"type": "string", "format": "date"},
            "source_url": {"type": "string", "format": "uri"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Fact-check Workbench API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "browser session; unsafe methods need the X-CSRFToken header",
                },
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "personal API token (Settings, or `workbench token create "
                    "USER`); acts with its owner's role; no CSRF token needed",
                },
            },
            "parameters": {
                "ClaimId": {
                    "name": "claim_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
                "ArticleId": {
                    "name": "article_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {
                        "error": {"type": "string"},
                        "message": {"type": "string"},
                        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                        "current": {"$ref": "#/components/schemas/Claim"},
                    },
                },
                "Claim": {
                    "type": "object",
                    "description": "a claim as in the annotated-article document (format version"
                    " 2: with its supply and aid records), plus article_id",
                },
                "ArticleDocument": article_doc,
                "ArticleSummary": {
                    "type": "object",
                    "required": ["id", "title", "text_sha256", "created_at", "url"],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": ["string", "null"]},
                        "byline": {"type": ["string", "null"]},
                        "published": {"type": ["string", "null"], "format": "date"},
                        "source_url": {"type": ["string", "null"]},
                        "text_sha256": {"type": "string"},
                        "created_at": {"type": "string", "format": "date-time"},
                        "url": {"type": "string"},
                    },
                },
                "ClaimSummary": {
                    "type": "object",
                    "required": ["id", "article_id", "start", "end", "status", "version", "url"],
                    "properties": {
                        "id": {"type": "integer"},
                        "article_id": {"type": "integer"},
                        "start": {"type": "integer"},
                        "end": {"type": "integer"},
                        "status": {"type": "string"},
                        "version": {"type": "integer"},
                        "assignee": {"type": ["string", "null"]},
                        "url": {"type": "string"},
                    },
                },
            },
        },
        "security": [{"session": []}, {"bearer": []}],
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "this document",
                    "responses": _responses("200", {"type": "object"}),
                }
            },
            "/articles": {
                "get": {
                    "summary": "list articles, newest first, a page at a time",
                    "description": PAGING_NOTE,
                    "parameters": PAGING_PARAMETERS,
                    "responses": _responses("200", page_of("ArticleSummary"), 422),
                },
                "post": {
                    "summary": "import an article from text or HTML, an annotated-JSON "
                    'document ("format": "fact-check-workbench/annotated-article"; 422 with '
                    '"errors" when invalid, ?allow_duplicate=1 to import a known text again), '
                    "or a multipart upload of a .txt, .md, .html or annotated-JSON file",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": import_body},
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {
                                        "file": {"type": "string", "format": "binary"},
                                        **{
                                            k: v
                                            for k, v in import_body["properties"].items()
                                            if k not in ("text", "html")
                                        },
                                    },
                                }
                            },
                        },
                    },
                    "responses": _responses("201", article_doc, 400, 409, 413, 415, 422),
                },
            },
            "/articles/{article_id}": {
                "get": {
                    "summary": "one article with its claims",
                    "parameters": [{"$ref": "#/components/parameters/ArticleId"}],
                    "responses": _responses("200", article_doc, 404),
                }
            },
            "/articles/{article_id}/export": {
                "get": {
                    "summary": "export the article (streamed download)",
                    "parameters": [
                        {"$ref": "#/components/parameters/ArticleId"},
                        {
                            "name": "format",
                            "in": "query",
                            "schema": {
                                "enum": [
                                    "annotated-json",
                                    "claimreview",
                                    "webannotation",
                                    "csv",
                                    "html",
                                ]
                            },
                        },
                        {
                            "name": "final",
                            "in": "query",
                            "description": "1 (editors only): a final export, signed by "
                            "the editor (`final.signed_by`, `final.signed_at`; headers "
                            "X-Export-Signed-By/-At); refused (409, with the pending claims) "
                            "unless every claim is approved or dismissed",
                            "schema": {"enum": ["0", "1"]},
                        },
                    ],
                    "responses": _responses("200", article_doc, 404, 409, 422),
                }
            },
            "/articles/{article_id}/claims": {
                "post": {
                    "summary": "add a claim over [start, end) in code points",
                    "parameters": [{"$ref": "#/components/parameters/ArticleId"}],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["start", "end"],
                                "properties": {
                                    "start": {"type": "integer"},
                                    "end": {"type": "integer"},
                                },
                            }
                        ),
                    },
                    "responses": _responses(
                        "201", {"$ref": "#/components/schemas/Claim"}, 400, 404, 409, 415, 422
                    ),
                }
            },
            "/claims/{claim_id}": {
                "get": {
                    "summary": "one claim",
                    "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                    "responses": _responses("200", {"$ref": "#/components/schemas/Claim"}, 404),
                },
                "patch": {
                    "summary": "change the claim's span [start, end) in code points, or its "
                    "assignee (editors; a user name or null); other fields are refused",
                    "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["version"],
                                "properties": {
                                    "start": {"type": "integer", "minimum": 0},
                                    "end": {"type": "integer", "minimum": 1},
                                    "assignee": {"type": ["string", "null"]},
                                    "version": VERSION_FIELD,
                                },
                                "additionalProperties": False,
                            }
                        ),
                    },
                    "responses": _responses(
                        "200", {"$ref": "#/components/schemas/Claim"}, 400, 403, 404, 409, 415, 422
                    ),
                },
            },
            "/search": {
                "get": {
                    "summary": "claims across all articles matching words (quote, rationale, "
                    "dismissal reason, sources, speakers) and filters; best match first",
                    "parameters": [
                        _query("q", {"type": "string", "maxLength": 500}, "words, all required"),
                        _query(
                            "status",
                            {"enum": ["open", "submitted", "returned", "approved", "dismissed"]},
                        ),
                        _query("kind", {"type": "string", "maxLength": 40}, "a kind label"),
                        _query(
                            "person",
                            {"type": "string"},
                            "a user name: assignee, verdict author, approver or source adder",
                        ),
                        _query("article", {"type": "integer"}),
                        _query(
                            "figure",
                            {"enum": ["money", "percentage", "quantity", "date", "ranking"]},
                            "claims with a figure of this category (and the bounds below)",
                        ),
                        _query("min", {"type": "number"}, "figure value at least (with figure)"),
                        _query("max", {"type": "number"}, "figure value at most (with figure)"),
                        _query("unit", {"type": "string"}, "currency code or unit (with figure)"),
                        _query("from", {"type": "string", "format": "date"}, "dates overlapping"),
                        _query("to", {"type": "string", "format": "date"}, "dates overlapping"),
                        _query("page", {"type": "integer", "minimum": 1, "maximum": 1000}),
                        _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
                    ],
                    "responses": _responses("200", {"type": "object"}, 422),
                }
            },
            "/claims": {
                "get": {
                    "summary": "claims filtered by assignee, status and article (a work queue)",
                    "parameters": [
                        {
                            "name": "assignee",
                            "in": "query",
                            "description": '"me", "none" or a user name',
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "status",
                            "in": "query",
                            "schema": {
                                "enum": ["open", "submitted", "returned", "approved", "dismissed"]
                            },
                        },
                        {"name": "article", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "mentioned",
                            "in": "query",
                            "description": '"me": claims whose unresolved discussion thread '
                            "mentions the caller",
                            "schema": {"enum": ["me"]},
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"enum": ["position", "id", "updated"]},
                        },
                        *PAGING_PARAMETERS,
                    ],
                    "description": PAGING_NOTE,
                    "responses": _responses("200", page_of("ClaimSummary"), 400, 422),
                }
            },
            "/claims/{claim_id}/split": {
                "post": {
                    "summary": "cut the claim in two at a code-point offset",
                    "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["at", "version"],
                                "properties": {"at": {"type": "integer"}, "version": VERSION_FIELD},
                            }
                        ),
                    },
                    "responses": _responses(
                        "201",
                        {
                            "type": "object",
                            "properties": {
                                "claims": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Claim"},
                                }
                            },
                        },
                        400,
                        404,
                        409,
                        415,
                        422,
                    ),
                }
            },
            "/claims/{claim_id}/merge": {
                "post": {
                    "summary": "join the claim with a later one (which is dismissed as merged)",
                    "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["next", "version", "next_version"],
                                "properties": {
                                    "next": {"type": "integer"},
                                    "version": VERSION_FIELD,
                                    "next_version": VERSION_FIELD,
                                },
                            }
                        ),
                    },
                    "responses": _responses(
                        "200", {"$ref": "#/components/schemas/Claim"}, 400, 404, 409, 415, 422
                    ),
                }
            },
            "/sources/{source_id}": {
                "parameters": [
                    {
                        "name": "source_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "patch": {
                    "summary": "edit a source (any of its fields), with the claim's version",
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["version"],
                                "properties": SOURCE_FIELDS,
                            }
                        ),
                    },
                    "responses": _responses(
                        "200", {"$ref": "#/components/schemas/Claim"}, 400, 404, 409, 415, 422
                    ),
                },
                "delete": {
                    "summary": "remove a source, with the claim's version",
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["version"],
                                "properties": {"version": VERSION_FIELD},
                            }
                        ),
                    },
                    "responses": _responses(
                        "200", {"$ref": "#/components/schemas/Claim"}, 400, 404, 409, 415, 422
                    ),
                },
            },
            "/preview": {
                "post": {
                    "summary": "render rationale Markdown to sanitized HTML",
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["markdown"],
                                "properties": {"markdown": {"type": "string", "maxLength": 20000}},
                            }
                        ),
                    },
                    "responses": _responses(
                        "200",
                        {"type": "object", "properties": {"html": {"type": "string"}}},
                        400,
                        415,
                        422,
                    ),
                }
            },
            "/claims/{claim_id}/sources": {
                "post": {
                    "summary": "attach a source",
                    "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["url", "title", "stance", "version"],
                                "properties": SOURCE_FIELDS,
                            }
                        ),
                    },
                    "responses": _responses(
                        "201", {"$ref": "#/components/schemas/Claim"}, 400, 404, 409, 415, 422
                    ),
                }
            },
            "/claims/{claim_id}/sources/check": {
                "get": {
                    "summary": "check a source URL before saving it: the URL as it would be "
                    "stored (or why it is refused), whether the claim has it already, warnings",
                    "parameters": [
                        {"$ref": "#/components/parameters/ClaimId"},
                        {"name": "url", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "source",
                            "in": "query",
                            "description": "the source being edited (not compared with itself)",
                            "schema": {"type": "integer"},
                        },
                    ],
                    "responses": _responses(
                        "200",
                        {
                            "type": "object",
                            "properties": {
                                "url": {"type": ["string", "null"]},
                                "error": {"type": ["string", "null"]},
                                "duplicate": {"type": "boolean"},
                                "warnings": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                        404,
                        422,
                    ),
                }
            },
            "/claims/{claim_id}/verdict": {
                "put": {
                    "summary": "draft or replace the verdict",
                    "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["rating", "version"],
                                "properties": {
                                    "rating": {"type": "string"},
                                    "rationale": {"type": "string", "maxLength": 20000},
                                    "version": VERSION_FIELD,
                                },
                            }
                        ),
                    },
                    "responses": _responses(
                        "200", {"$ref": "#/components/schemas/Claim"}, 400, 404, 409, 415, 422
                    ),
                }
            },
            "/claims/{claim_id}/submit": _move("submit", None),
            "/claims/{claim_id}/approve": _move("approve", None),
            "/claims/{claim_id}/return": _move("return", "note"),
            "/claims/{claim_id}/dismiss": _move("dismiss", "reason"),
            "/claims/{claim_id}/restore": _move("restore", None),
            "/claims/{claim_id}/reopen": _move("reopen", "reason"),
            **_thread_paths(),
        },
    }


# --- the discussion thread of a claim (issue 14) -----------------------------------------

COMMENT = {
    "type": "object",
    "required": ["id", "claim_id", "author", "author_name", "body", "html", "created_at"],
    "properties": {
        "id": {"type": "integer"},
        "claim_id": {"type": "integer"},
        "author": {
            "type": ["string", "null"],
            "description": "the author's user name; null for a comment brought in by an import",
        },
        "author_name": {
            "type": ["string", "null"],
            "description": "display name, or the name the imported file gave (provenance only)",
        },
        "imported": {"type": "boolean"},
        "reply_to": {"type": ["integer", "null"]},
        "body": {"type": "string", "description": "Markdown source as written"},
        "html": {"type": "string", "description": "the body through the one sanitizer"},
        "created_at": {"type": "string", "format": "date-time"},
        "edited_at": {"type": ["string", "null"], "format": "date-time"},
        "mentions": {"type": "array", "items": {"type": "string"}},
        "url": {"type": "string"},
    },
}
THREAD = {
    "type": "object",
    "properties": {
        "claim_id": {"type": "integer"},
        "resolved": {"type": "boolean"},
        "resolved_by": {"type": ["string", "null"]},
        "resolved_at": {"type": ["string", "null"], "format": "date-time"},
        "comments": {"type": "array", "items": COMMENT},
        "last_seen": {
            "type": ["integer", "null"],
            "description": "the newest comment id the caller had seen before this read",
        },
    },
}


def _thread_paths() -> dict[str, Any]:
    body = {"type": "string", "minLength": 1, "maxLength": COMMENT_CHARS}
    return {
        "/claims/{claim_id}/comments": {
            "get": {
                "summary": "the claim's discussion thread; reading it marks it read for the caller",
                "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                "responses": _responses("200", THREAD, 404),
            },
            "post": {
                "summary": "comment on the claim (any state, approved too); @username of an "
                "active user mentions them (at most 20 a comment); a resolved thread reopens; "
                "the claim's version does not change",
                "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["body"],
                            "additionalProperties": False,
                            "properties": {
                                "body": body,
                                "reply_to": {"type": "integer", "description": "a comment id"},
                            },
                        }
                    ),
                },
                "responses": _responses("201", COMMENT, 400, 404, 409, 415, 422),
            },
        },
        "/comments/{comment_id}": {
            "patch": {
                "summary": "edit one's own comment (only its author may); the claim's history "
                "keeps the body before and after",
                "parameters": [
                    {
                        "name": "comment_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["body"],
                            "additionalProperties": False,
                            "properties": {"body": body},
                        }
                    ),
                },
                "responses": _responses("200", COMMENT, 400, 403, 404, 415, 422),
            }
        },
        "/claims/{claim_id}/comments/resolve": {
            "post": {
                "summary": "resolve the thread (default) or reopen it with resolved: false; "
                "reviewers, editors and admins may; 409 when there is no comment yet",
                "parameters": [{"$ref": "#/components/parameters/ClaimId"}],
                "requestBody": {
                    "required": True,
                    **_json({"type": "object", "properties": {"resolved": {"type": "boolean"}}}),
                },
                "responses": _responses("200", THREAD, 400, 404, 409, 415, 422),
            }
        },
        "/discussions": {
            "get": {
                "summary": "the caller's discussion queue: claims with unread comments in threads "
                "that concern them (assigned, their verdict, they commented or were mentioned) "
                "or whose unresolved thread mentions them, with unread counts",
                "responses": _responses(
                    "200",
                    {
                        "type": "object",
                        "properties": {
                            "totals": {
                                "type": "object",
                                "properties": {
                                    "comments": {"type": "integer"},
                                    "mentions": {"type": "integer"},
                                    "claims": {"type": "integer"},
                                },
                            },
                            "items": {"type": "array", "items": {"type": "object"}},
                        },
                    },
                ),
            }
        },
    }
