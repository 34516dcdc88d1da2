"""422 answers in Chinese and English (contract section 5): each problem of a request that does not
fit its schema says where (`loc`) and what is wrong, Chinese first: `msg` is "中文 / English"."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

# pydantic's error types -> what is wrong, in Chinese.
WHAT = {
    "missing": "缺少必填项",
    "string_type": "应为文本",
    "string_too_short": "太短",
    "string_too_long": "太长",
    "string_pattern_mismatch": "格式不对",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为是/否（true/false）",
    "bool_parsing": "应为是/否（true/false）",
    "literal_error": "不是允许的取值",
    "enum": "不是允许的取值",
    "greater_than": "数值太小",
    "greater_than_equal": "数值太小",
    "less_than": "数值太大",
    "less_than_equal": "数值太大",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "不是合法的 JSON",
    "json_type": "不是合法的 JSON",
    "extra_forbidden": "不认识的字段",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "value_error": "取值无效",
}
WHERE = {"body": "请求体", "query": "查询参数", "path": "路径参数", "header": "请求头", "cookie": "Cookie"}


def bilingual(error: dict[str, Any]) -> dict[str, Any]:
    loc = [str(part) for part in error.get("loc", ())]
    where = "".join([WHERE.get(loc[0], loc[0]), *(f" {part}" for part in loc[1:])]) if loc else "请求"
    what = WHAT.get(str(error.get("type")), "输入无效")
    return {**error, "msg": f"{where}：{what} / {error.get('msg', '')}"}


def add_validation_handler(app: FastAPI) -> None:
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [bilingual(dict(e)) for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder(detail)})

    app.add_exception_handler(RequestValidationError, invalid)  # type: ignore[arg-type]
