"""Legend colours stay distinguishable under colour-vision deficiencies and in greyscale print.

Each theme's legend entries are simulated (Machado et al. 2009 via colorspacious, full severity)
for protanopia, deuteranopia and tritanopia, and reduced to CIE L* for greyscale; any two entries
must differ by ΔE76 ≥ 10, unless they differ by a non-colour cue (pattern, symbol, size).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from geo import classify, themes

MIN_DELTA_E = 10.0
SIMULATIONS = ("normal", "protanopia", "deuteranopia", "tritanopia", "greyscale")


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def simulated_lab(colour: str, simulation: str) -> np.ndarray:
    rgb = _rgb(colour)
    if simulation == "greyscale":
        lightness = cspace_convert(rgb, "sRGB1", "CIELab")[0]
        return np.array([lightness, 0.0, 0.0])
    if simulation != "normal":
        cvd_type = {"protanopia": "protanomaly", "deuteranopia": "deuteranomaly"}.get(
            simulation, "tritanomaly"
        )
        cvd = {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)
    return np.asarray(cspace_convert(rgb, "sRGB1", "CIELab"))


def delta_e(first: str, second: str, simulation: str) -> float:
    difference = simulated_lab(first, simulation) - simulated_lab(second, simulation)
    return float(np.linalg.norm(difference))


def confusable(entries: list[themes.LegendEntry], simulation: str) -> list[str]:
    found = []
    for a, b in itertools.combinations(entries, 2):
        if (a.cue, a.radius) != (b.cue, b.radius):
            continue  # told apart by a pattern, symbol or size, not by colour alone
        distance = delta_e(a.colour, b.colour, simulation)
        if distance < MIN_DELTA_E:
            found.append(f"{a.label} / {b.label}: ΔE {distance:.1f}")
    return found


@pytest.mark.parametrize("simulation", SIMULATIONS)
@pytest.mark.parametrize("theme", themes.THEMES)
def test_legend_entries_survive_colour_vision_deficiencies(theme: str, simulation: str) -> None:
    entries = themes.legend(theme, "en", largest_count=2500.0)  # type: ignore[arg-type]
    assert len(entries) >= 3
    assert confusable(entries, simulation) == []


def test_the_simulation_tells_known_confusions() -> None:
    """The check itself can fail: red and green collapse under deuteranopia, and the former
    diverging palette's ends (BrBG) collide in greyscale."""
    assert delta_e("#d62728", "#2ca02c", "normal") > 50
    assert delta_e("#d62728", "#2ca02c", "deuteranopia") < MIN_DELTA_E
    assert delta_e("#8c510a", "#01665e", "greyscale") < MIN_DELTA_E
    assert delta_e(classify.CLASS_COLOURS[0], classify.CLASS_COLOURS[-1], "greyscale") > 50
