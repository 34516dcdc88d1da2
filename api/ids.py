"""The shape of an id in a URL, a query string or a form: checked before any query runs.

Ids are station codes such as `CG-P01-N03` or BPMN ids such as `低压:Task_1`: letters (Chinese
too), digits and `-_.:`; at most 128 characters.
"""

from typing import Annotated

from fastapi import Form, Path, Query

ID_PATTERN = r"^[\w\-.:]{1,128}$"
ID_DESCRIPTION = "编号：字母、汉字、数字及 -_.:，最长 128 字符"

PathId = Annotated[str, Path(pattern=ID_PATTERN, description=ID_DESCRIPTION)]
OptionalQueryId = Annotated[str | None, Query(pattern=ID_PATTERN, description=ID_DESCRIPTION)]
OptionalIdForm = Annotated[str | None, Form(pattern=ID_PATTERN, description=ID_DESCRIPTION)]
