"""The `accessmap` command line: build boundaries, migrate, seed, serve."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from sqlalchemy import Engine

from api.auth import create_token, list_tokens, revoke_token
from api.db import queries
from api.db.engine import DatabaseUnavailableError, make_engine
from api.db.migrate import upgrade
from api.db.setup import prepare_database, seed_database
from api.pages import UnknownYearError, map_page_html, read_static
from api.query_options import DEFAULT_VIEW
from api.settings import Settings, get_settings
from api.snapshot import SnapshotStore
from api.tiles import TileAddress, TileService
from geo.boundaries import BoundarySourceError, build_boundaries
from geo.definitions import KAZAKHSTAN_BOUNDS
from geo.i18n import parse_lang
from geo.programme import GOAL_YEAR
from geo.sources import SeedError
from render.page import PageOptions
from render.report import report_html
from render.templating import use_templates_dir
from render.tiles import LAYERS as TILE_LAYERS
from render.tiles import MAX_ZOOM
from render.tiles import TMS as TILE_MATRIX

app = typer.Typer(help="accessmap-kz: Kazakhstan accessibility map service", no_args_is_help=True)
boundaries_app = typer.Typer(help="Boundary files", no_args_is_help=True)
db_app = typer.Typer(help="Database schema", no_args_is_help=True)
app.add_typer(boundaries_app, name="boundaries")
app.add_typer(db_app, name="db")
tiles_app = typer.Typer(help="Map tiles", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for uploads", no_args_is_help=True)
app.add_typer(tokens_app, name="tokens")
app.add_typer(tiles_app, name="tiles")
console = Console(stderr=True)


def database(settings: Settings, *, quiet: bool = False) -> Engine:
    """The prepared database, or one line naming the database and the problem, and exit 1."""
    try:
        return prepare_database(settings, say=_silent if quiet else console.print)
    except DatabaseUnavailableError as error:
        console.print(f"[red]error:[/red] cannot use the database: {error}", soft_wrap=True)
        raise typer.Exit(1) from None


def _silent(_message: str) -> None:
    return None


@boundaries_app.command("build")
def boundaries_build(
    out: Annotated[Path | None, typer.Option(help="output directory")] = None,
    source: Annotated[Path | None, typer.Option(help="source GeoJSON")] = None,
) -> None:
    """Clean the source boundaries and write the full, web and lite levels."""
    settings = get_settings()
    out_dir = out or settings.boundaries_dir
    try:
        reports = build_boundaries(source or settings.boundaries_source, out_dir)
    except BoundarySourceError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    table = Table("level", "tolerance (°)", "vertices", "bytes", "file")
    for report in reports:
        table.add_row(
            report.level,
            f"{report.tolerance_deg:g}",
            f"{report.vertices:,}",
            f"{report.bytes:,}",
            report.path,
        )
    Console().print(table)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the schema migrations."""
    settings = get_settings()
    if settings.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(make_engine(settings.resolved_database_url))
    console.print("schema is at the latest migration")


@app.command()
def seed() -> None:
    """Load boundaries, indicator observations and centres (idempotent, one transaction)."""
    settings = get_settings()
    if settings.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(
        settings.resolved_database_url, spatialite_library=settings.spatialite_library
    )
    upgrade(engine)
    columns = (TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn())
    try:
        with Progress(*columns, console=console) as bar:
            tasks: dict[str, object] = {}

            def progress(step: str, done: int, total: int) -> None:
                if step not in tasks:
                    tasks[step] = bar.add_task(step, total=total)
                bar.update(tasks[step], completed=done)  # type: ignore[arg-type]

            report = seed_database(engine, settings, say=console.print, progress=progress)
    except SeedError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    table = Table("table", "rows", "inserted", "updated", "deleted", "unchanged")
    for name, count in report.row_counts.items():
        changes = report.tables.get(name)
        cells = (
            [
                str(changes.inserted),
                str(changes.updated),
                str(changes.deleted),
                str(changes.unchanged),
            ]
            if changes
            else ["", "", "", ""]
        )
        table.add_row(name, str(count), *cells)
    Console().print(table)
    if report.unplaced_centres:
        console.print(
            f"{len(report.unplaced_centres)} centre(s) have no settlement in the gazetteer and "
            "are listed without a map point"
        )
    revision = report.revision_id
    console.print(f"data revision: {revision}" if revision else "no changes: data already current")


@app.command()
def render(
    out: Annotated[Path, typer.Option(help="output HTML file")] = Path("map.html"),
    lang: Annotated[str, typer.Option(help="kk, ru or en")] = "ru",
    year: Annotated[int | None, typer.Option(help="year (default: latest with data)")] = None,
) -> None:
    """Write the interactive map as one standalone HTML file (assets inlined, works offline)."""
    settings = get_settings()
    use_templates_dir(settings.templates_dir)
    chosen = parse_lang(lang)
    if chosen is None:
        console.print(f"[red]error:[/red] unknown language {lang!r}: use kk, ru or en")
        raise typer.Exit(2)
    engine = database(settings)
    options = PageOptions(inline_asset=read_static)
    try:
        html = map_page_html(engine, chosen, year, options)
    except UnknownYearError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from error
    out.write_text(html, encoding="utf-8")
    console.print(f"wrote {out} ({len(html.encode()):,} bytes)")


@app.command()
def report(
    out: Annotated[Path, typer.Option(help="output HTML file")] = Path("report.html"),
    year: Annotated[int, typer.Option(help="roadmap year, 2023-2027")] = GOAL_YEAR,
    lang: Annotated[str, typer.Option(help="kk, ru or en")] = "ru",
) -> None:
    """Write a one-file summary for officials: country map, ranking and gap tables."""
    chosen = parse_lang(lang)
    if chosen is None or not 2023 <= year <= 2027:
        console.print("[red]error:[/red] use --lang kk|ru|en and a --year from 2023 to 2027")
        raise typer.Exit(2)
    settings = get_settings()
    use_templates_dir(settings.templates_dir)
    engine = database(settings)
    html = report_html(
        queries.regions_frame(engine, "lite"),
        queries.observations_frame(engine),
        queries.centres_frame(engine),
        year=year,
        lang=chosen,
    )
    out.write_text(html, encoding="utf-8")
    console.print(f"wrote {out} ({len(html.encode()):,} bytes)")


def _zoom_range(text: str) -> range:
    low, _, high = text.partition("-")
    try:
        first, last = int(low), int(high or low)
    except ValueError:
        raise typer.BadParameter(f"{text!r}: use a zoom or a range such as 0-8") from None
    if not 0 <= first <= last <= MAX_ZOOM:
        raise typer.BadParameter(f"{text!r}: zooms run from 0 to {MAX_ZOOM}, low to high")
    return range(first, last + 1)


@tiles_app.command("seed")
def tiles_seed(
    layer: Annotated[str, typer.Option(help="accessibility or centres")] = "accessibility",
    zoom: Annotated[str, typer.Option(help="zoom or range, e.g. 0-8")] = "0-8",
    lang: Annotated[str, typer.Option(help="kk, ru or en")] = "ru",
    year: Annotated[int | None, typer.Option(help="year (default: latest with data)")] = None,
    retina: Annotated[bool, typer.Option(help="also render @2x tiles")] = False,
) -> None:
    """Pre-render the PNG tiles covering Kazakhstan into the disk cache the service reads."""
    chosen = parse_lang(lang)
    if chosen is None or layer not in TILE_LAYERS:
        raise typer.BadParameter(f"use --layer {'|'.join(TILE_LAYERS)} and --lang kk|ru|en")
    zooms = _zoom_range(zoom)
    settings = get_settings()
    snapshots = SnapshotStore()
    snapshots.start(database(settings), poll=False)
    service = TileService(snapshots, settings.data_dir / "tiles")
    tiles = list(TILE_MATRIX.tiles(*KAZAKHSTAN_BOUNDS, zooms=list(zooms)))
    scales = (1, 2) if retina else (1,)
    started = time.perf_counter()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(f"{layer} z{zoom}", total=len(tiles) * len(scales))
        for tile in tiles:
            for scale in scales:
                address = TileAddress(layer, tile.z, tile.x, tile.y, "png", scale)
                service.tile(address, year, DEFAULT_VIEW, chosen)
                bar.advance(task)
    elapsed = time.perf_counter() - started
    console.print(f"{len(tiles) * len(scales)} tiles in {elapsed:.1f} s into {service.cache_dir}")


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Option(help="who or what the token is for")],
    role: Annotated[str, typer.Option(help="editor or admin")] = "editor",
) -> None:
    """Create a token; it is printed once and only its hash is stored."""
    engine = database(get_settings())
    try:
        token = create_token(engine, name, role)
    except ValueError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"token for {name!r} ({role}); store it now, it is not shown again:")
    typer.echo(token)


@tokens_app.command("revoke")
def tokens_revoke(name: Annotated[str, typer.Option(help="token name")]) -> None:
    """Revoke a token by name."""
    if not revoke_token(database(get_settings(), quiet=True), name):
        console.print(f"[red]error:[/red] no active token named {name!r}")
        raise typer.Exit(1)
    console.print(f"revoked {name!r}")


@tokens_app.command("list")
def tokens_list() -> None:
    """List tokens (names, roles, dates; never the tokens)."""
    table = Table("name", "role", "created", "revoked")
    for name, role, created, revoked in list_tokens(database(get_settings(), quiet=True)):
        table.add_row(name, role, created.isoformat(), revoked.isoformat() if revoked else "")
    Console().print(table)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="bind address")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="worker processes (default 1)")
    ] = None,
) -> None:
    """Start the web service (the embedded SpatiaLite database is created and seeded first)."""
    import uvicorn

    from api.server import uvicorn_options

    settings = get_settings()
    started = time.perf_counter()
    # Prepare before serving so a first start shows its progress and fails loudly.
    database(settings).dispose()
    bind_host, bind_port = host or settings.host, port or settings.port
    console.print(
        f"database ready in {time.perf_counter() - started:.1f} s "
        f"({'embedded SpatiaLite' if settings.is_embedded else 'PostGIS'})"
    )
    console.print(f"[bold]accessmap-kz is running at http://{bind_host}:{bind_port}/[/bold]")
    # An import string and a factory: each worker process builds its own app from ACCESSMAP_*.
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers or settings.workers,
        log_level="info",
        **uvicorn_options(settings),
    )


if __name__ == "__main__":
    app()
