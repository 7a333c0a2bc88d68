"""Service settings, read from ACCESSMAP_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCESSMAP_", env_file=None, extra="ignore")

    # None means the embedded SpatiaLite file under data_dir (created and seeded on first start).
    database_url: str | None = None
    data_dir: Path = PROJECT_ROOT / "data"
    seed_dir: Path = PROJECT_ROOT / "seed"
    boundaries_source: Path = PROJECT_ROOT / "boundaries" / "source" / "kz-adm1.geojson"
    # Debian's libsqlite3-mod-spatialite; a bare name lets SQLite search its default paths.
    spatialite_library: str = "mod_spatialite"
    host: str = "127.0.0.1"
    port: int = 8000
    # No external basemap by default (offline and intranet use); an XYZ URL template if wanted.
    basemap_url: str | None = None
    # Who may frame the pages (CSP frame-ancestors); /embed has its own, open by default.
    frame_ancestors: str = "'self'"
    embed_frame_ancestors: str = "*"
    # Proxies whose X-Forwarded-For is believed (comma list of addresses, or "*"); none by default.
    forwarded_allow_ips: str = ""
    # uvicorn worker processes for `accessmap serve` (they share state through the database).
    workers: int = 1
    # Keep one snapshot of the data per data version in memory (off: read and build per request,
    # for measuring the cold path); how often other processes' writes are looked for, in seconds.
    cache: bool = True
    version_check_s: float = 1.0
    # A directory of Jinja templates that replace the packaged ones of the same name (render/
    # templates), for a deployment's own wording or branding; None: the packaged templates only.
    templates_dir: Path | None = None
    # Seed the database on start when it holds no data yet (the embedded default relies on it).
    seed_on_start: bool = True

    @property
    def boundaries_dir(self) -> Path:
        return self.data_dir / "boundaries"

    @property
    def spatialite_path(self) -> Path:
        return self.data_dir / "accessmap.sqlite"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.spatialite_path}"

    @property
    def is_embedded(self) -> bool:
        return self.database_url is None


@lru_cache
def get_settings() -> Settings:
    return Settings()
