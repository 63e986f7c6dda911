"""OpenAPI generation: every operation documents the errors it can answer, not only its success."""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema

ERROR_BODY: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_BODY: dict[str, Any] = {
    "type": "object",
    "description": "字段名 → 错误信息列表(或 detail)",
    "additionalProperties": True,
}


def _response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class ScopedAutoSchema(AutoSchema):
    """drf-spectacular's schema plus 400/401/403/404/409 where the operation can give them."""

    def _get_response_bodies(self, direction: Literal["request", "response"] = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            "400": _response("请求参数或数据有误", VALIDATION_BODY),
            "401": _response("未登录或凭据无效", ERROR_BODY),
            "403": _response("角色无权执行此操作", ERROR_BODY),
            "404": _response("对象不存在、不在权限范围内,或页码无效", ERROR_BODY),
        }
        if self.method in ("PUT", "PATCH", "POST") and self._is_versioned_write():
            errors["409"] = _response("记录已被他人修改(版本冲突)", ERROR_BODY)
        for code, body in errors.items():
            responses.setdefault(code, body)
        return responses

    def _is_versioned_write(self) -> bool:
        return self.method in ("PUT", "PATCH") or not self.path.rstrip("/").endswith(("}", "s"))
