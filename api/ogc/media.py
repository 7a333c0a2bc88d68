"""Response classes naming the JSON media types the service sends.

A route declares one as its `response_class` with a `response_model`: OpenAPI then publishes the
model's schema under the media type the route really sends (GeoJSON, JSON Schema), not under
application/json. Routes build and send their own pre-encoded `Response`s; these classes only
describe them.
"""

from __future__ import annotations

from fastapi.responses import JSONResponse

from api.ogc.params import MEDIA_TYPES
from geo.schemas import SCHEMA_MEDIA_TYPE


class GeoJSONResponse(JSONResponse):
    media_type = MEDIA_TYPES["json"]


class SchemaJSONResponse(JSONResponse):
    media_type = SCHEMA_MEDIA_TYPE
