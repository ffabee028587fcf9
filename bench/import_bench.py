"""What small hostile files cost the import's reader: CPU seconds and peak memory of
`read_tables` for each, in a fresh process, and its answer; with a git revision, the same
for that revision's reader (the "before" of a change).

    .venv/bin/python bench/import_bench.py [REVISION]

- wide-dimension.xlsx: 5,000 short rows under a dimension claiming 16,384 columns (read
  naively, every row is padded to 16,384 cells);
- styled-cells.xlsx: 5,000 rows of 100 empty styled cells, near the most a workbook may
  make the reader parse;
- zip-bomb.xlsx: a part unpacking to 1 GB;
- wide.csv: 100,000 columns in 200 KB.
"""

import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from registry.services import spreadsheets


def _workbook(rows: int) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["navn", "type"])
    for i in range(rows):
        book.active.append([f"Forening {i}", "annet"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(data: bytes, change: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = change.get(item.filename, src.read(item.filename))
            dst.writestr(item.filename, body, compress_type=zipfile.ZIP_DEFLATED)
        for name, body in change.items():
            if name not in src.namelist():
                dst.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _bomb(data: bytes) -> bytes:
    """The workbook with a part unpacking to 1 GB, written without holding it."""
    out = io.BytesIO(data)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/pad.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(1024):
            part.write(bytes(2**20))
    return out.getvalue()


def files() -> dict[str, bytes]:
    plain = _workbook(5000)
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    wide = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD5001"/>', sheet)
    columns = [openpyxl.utils.get_column_letter(i).encode() for i in range(1, 101)]
    row = b"".join(b'<c r="%s%%d" s="0"/>' % c for c in columns)
    rows = b"".join(
        b'<row r="%d">' % i + row.replace(b"%d", b"%d" % i) + b"</row>" for i in range(1, 5001)
    )
    styled = re.sub(
        rb"<sheetData>.*</sheetData>", b"<sheetData>" + rows + b"</sheetData>", sheet, flags=re.S
    )
    return {
        "wide-dimension.xlsx": _rewrite(plain, {"xl/worksheets/sheet1.xml": wide}),
        "styled-cells.xlsx": _rewrite(plain, {"xl/worksheets/sheet1.xml": styled}),
        "zip-bomb.xlsx": _bomb(plain),
        "wide.csv": ("navn;type" + ";x" * 100_000 + "\r\n").encode(),
    }


CHILD = """
import importlib.util, json, sys, time
from registry.domain.errors import ValidationFailed
spec = importlib.util.spec_from_file_location("reader", sys.argv[1])
reader = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reader)
data = sys.stdin.buffer.read()
start = time.process_time()
try:
    tables = reader.read_tables(data)
    said = f"read {sum(len(t) for t in tables.values())} rows, up to "
    said += f"{max(len(r) for t in tables.values() for r in t)} cells a row"
except ValidationFailed as exc:
    said = exc.message
cpu = time.process_time() - start
status = open("/proc/self/status").read()
peak = int(re.search(r"VmHWM:\\s+(\\d+)", status)[1]) / 1024
print(json.dumps({"cpu": cpu, "peak_mb": peak, "answer": said}))
""".replace("import importlib.util", "import re, importlib.util")


def measure(reader: Path, data: bytes) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(reader)], input=data, capture_output=True, check=True
    )
    return json.loads(run.stdout)


def main() -> None:
    readers = {"now": Path(spreadsheets.__file__)}
    if len(sys.argv) > 1:
        old = subprocess.run(
            ["git", "show", f"{sys.argv[1]}:registry/services/spreadsheets.py"],
            capture_output=True, check=True,
        ).stdout  # fmt: skip
        path = Path(tempfile.mkdtemp()) / "spreadsheets_before.py"
        path.write_bytes(old)
        readers = {sys.argv[1][:8]: path, **readers}
    print(f"{'file':20} {'size':>7} {'reader':>8} {'cpu s':>6} {'peak MB':>8}  answer")
    for name, data in files().items():
        for label, reader in readers.items():
            found = measure(reader, data)
            print(
                f"{name:20} {len(data) // 1024:>5}KB {label:>8} {found['cpu']:6.2f}"
                f" {found['peak_mb']:8.0f}  {found['answer'][:64]}"
            )


if __name__ == "__main__":
    main()
