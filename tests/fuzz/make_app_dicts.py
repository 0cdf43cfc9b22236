#!/usr/bin/env python3
"""Writes the libFuzzer dictionaries of the app harnesses (api_json.dict, form_body.dict).

libFuzzer finds a field name only by mutating bytes until a comparison matches, which rarely
happens for a key nested in an object ("child_open_to": {"name": 5} went unreached in the first
long run). The dictionaries hand it every quoted word the handlers compare against: for api_json
as JSON keys ("name":) and strings, for form_body as form fields (name=). scripts/fuzz passes
tests/fuzz/<target>.dict when it exists. Run after adding fields:

  tests/fuzz/make_app_dicts.py
"""
import pathlib
import re

HERE = pathlib.Path(__file__).parent
SRC = HERE.parent.parent / "src"
WORD = re.compile(r'"([a-z][a-z0-9_.-]{1,40})"')


def words(folders):
    found = set()
    for folder in folders:
        for path in sorted((SRC / folder).glob("*.cpp")):
            found.update(WORD.findall(path.read_text()))
    return sorted(found)


def entry(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"\n'


def main():
    api = ["{", "}", "[", "]", ":", ",", "null", "true", "false", "-1", "0", "1e400", "\"\""]
    for w in words(["api", "app"]):
        api += [f'"{w}":', f'"{w}"']
    (HERE / "api_json.dict").write_text("".join(entry(a) for a in api))
    form = ["&", "=", "%00", "%FF", "+"]
    for w in words(["web"]):
        form += [f"{w}=", f"&{w}="]
    (HERE / "form_body.dict").write_text("".join(entry(f) for f in form))


if __name__ == "__main__":
    main()
