"""The baseline for tile serving: a bare FastAPI endpoint returning a fixed 10 KB body."""

from fastapi import FastAPI, Response

BODY = bytes(range(256)) * 40  # 10,240 bytes, like a typical cached PNG tile
app = FastAPI()


@app.get("/tile.png")
def tile() -> Response:
    return Response(BODY, media_type="image/png")
