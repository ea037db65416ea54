"""Compile gettext .po catalogues to .mo without GNU gettext installed.

`make` runs this so a fresh machine needs nothing but Python. Usage:
    python -m bedoeling.lib.msgfmt bedoeling/locale
"""

import ast
import struct
import sys
from pathlib import Path


def parse_po(text: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    entry: dict[str, object] = {}
    key: str | None = None
    fuzzy = False

    def flush():
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                forms = entry.get("plural", {})
                value = "\0".join(forms[i] for i in sorted(forms))
                msgid = f"{msgid}\0{entry['msgid_plural']}"
            else:
                value = entry.get("msgstr", "")
            if "msgctxt" in entry:
                msgid = f"{entry['msgctxt']}\x04{msgid}"
            if value and value.replace("\0", ""):
                messages[msgid] = value
            elif msgid == "":
                messages[""] = value
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            chunk = ast.literal_eval(line)
            if key and key.startswith("msgstr["):
                index = int(key[7:-1])
                entry["plural"][index] += chunk
            elif key:
                entry[key] += chunk
            continue
        word, _, rest = line.partition(" ")
        if word in ("msgctxt", "msgid") and ("msgstr" in entry or "plural" in entry):
            was_fuzzy = fuzzy
            flush()
            fuzzy = was_fuzzy
        value = ast.literal_eval(rest)
        if word.startswith("msgstr["):
            entry.setdefault("plural", {})[int(word[7:-1])] = value
        else:
            entry[word] = value
        key = word
    flush()
    return messages


def write_mo(messages: dict[str, str], path: Path) -> None:
    keys = sorted(messages)
    ids = b""
    strs = b""
    offsets = []
    for k in keys:
        kb, vb = k.encode(), messages[k].encode()
        offsets.append((len(ids), len(kb), len(strs), len(vb)))
        ids += kb + b"\0"
        strs += vb + b"\0"
    n = len(keys)
    keystart = 7 * 4 + 16 * n
    valuestart = keystart + len(ids)
    table_k, table_v = [], []
    for o1, l1, o2, l2 in offsets:
        table_k += [l1, o1 + keystart]
        table_v += [l2, o2 + valuestart]
    output = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + n * 8, 0, 0)
    output += struct.pack(f"{len(table_k)}i", *table_k)
    output += struct.pack(f"{len(table_v)}i", *table_v)
    path.write_bytes(output + ids + strs)


def compile_tree(root: Path) -> int:
    count = 0
    for po in sorted(root.rglob("*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        write_mo(parse_po(po.read_text(encoding="utf-8")), mo)
        count += 1
    return count


if __name__ == "__main__":
    for folder in sys.argv[1:] or ["bedoeling"]:
        compile_tree(Path(folder))
