"""Plain, accessible HTML views of the OGC API documents (the HTML conformance class)."""

from __future__ import annotations

import json
from typing import Any

import jinja2

from geo.attribution import BOUNDARY_ATTRIBUTION

_TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="icon" href="data:,">
<style>body{font-family:system-ui,Arial,sans-serif;margin:1rem;color:#1a1a1a}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #bbb;padding:2px 6px;
vertical-align:top}a{color:#0b4f8a}pre{white-space:pre-wrap}</style></head>
<body><main><h1>{{ title }}</h1>
{% if data.links %}<ul>{% for link in data.links %}
<li><a href="{{ link.href }}">{{ link.title }}</a> ({{ link.rel }}, {{ link.type }})</li>
{% endfor %}</ul>{% endif %}
{% if data.collections %}<ul>{% for c in data.collections %}
<li><a href="{{ c.links[0].href }}?f=html">{{ c.title }}</a>: {{ c.description }}</li>
{% endfor %}</ul>{% endif %}
{% if data.features is defined %}
<table><caption>{{ data.features|length }} feature(s)</caption>
<thead><tr>{% for key in columns %}<th scope="col">{{ key }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in data.features %}<tr>{% for key in columns %}
<td>{{ row[key] if row[key] is not none else "" }}</td>{% endfor %}</tr>{% endfor %}</tbody>
</table>
{% else %}<pre>{{ text }}</pre>{% endif %}
</main><footer><p>{{ attribution }}</p></footer></body></html>"""
)


def render_html(title: str, data: dict[str, Any]) -> str:
    rows = data.get("features") or []
    columns = list(dict.fromkeys(key for row in rows for key in row))
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _TEMPLATE.render(
        title=title, data=data, columns=columns, text=text, attribution=BOUNDARY_ATTRIBUTION
    )
