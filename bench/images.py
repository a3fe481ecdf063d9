# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a reader downloads for a page of phone photos, and what publishing them lighter costs the build.

Usage (from the repository root):
    .venv/bin/python bench/images.py [--photos N]

N photos of 4,000 × 3,000 pixels (a 12 Mpx phone; made of a smooth picture with grain, which JPEG
compresses about as it does a real photo), saved at quality 92, are published by
commons/published_images.py as the build does. Printed beside the baseline (each file published as
it is, which is what the build did before): the bytes a reader downloads, and the seconds the
build spends, the first time and again with the copies in the cache (a preview's rebuild).
Figures only: tests/site/test_published_images.py checks the outcomes.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

from PIL import Image, ImageFilter  # noqa: E402

from commons.published_images import shrink  # noqa: E402


def photo(seed: int) -> bytes:
    small = Image.effect_noise((40, 30), 90 + seed % 20).convert("RGB").resize((4000, 3000), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((4000, 3000), 12).convert("RGB")
    picture = Image.blend(small.filter(ImageFilter.GaussianBlur(8)), grain, 0.08)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92)
    return out.getvalue()


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} Mo"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=10)
    n = parser.parse_args().photos
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        docs, site, cache = Path(tmp, "docs"), Path(tmp, "site"), Path(tmp, "cache")
        docs.mkdir()
        rels = [f"photo-{i}.jpg" for i in range(n)]
        for i, rel in enumerate(rels):
            (docs / rel).write_bytes(photo(i))
        before = sum((docs / rel).stat().st_size for rel in rels)
        times = []
        for _ in range(2):  # cold, then with the cache
            if site.exists():
                for rel in rels:
                    (site / rel).unlink()
            site.mkdir(exist_ok=True)
            for rel in rels:
                (site / rel).write_bytes((docs / rel).read_bytes())
            started = time.perf_counter()
            done, problems = shrink(docs, site, rels, cache)
            times.append(time.perf_counter() - started)
            assert not problems and len(done) == n, problems
        after = sum((site / rel).stat().st_size for rel in rels)
    print(f"Banc des images publiées : {n} photos de 4000 × 3000 pixels (charge {load})")
    print(f"{'':34}{'publiées allégées':>20}{'telles quelles (référence)':>30}")
    print(f"{'octets téléchargés par un lecteur':34}{mb(after):>20}{mb(before):>30}   ×{before / after:.1f} moins")
    print(f"{'construction, première fois':34}{times[0]:>18.2f} s{0:>28.2f} s   {times[0] / n * 1000:.0f} ms par photo")
    print(
        f"{'construction, copies en cache':34}{times[1]:>18.2f} s{0:>28.2f} s   {times[1] / n * 1000:.0f} ms par photo"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
