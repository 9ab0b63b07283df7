"""The HTTP API of ``report-nlp serve`` through FastAPI's TestClient: every endpoint, every
bad input (4xx with one coded Chinese line, never a 500), the token and Host checks, headers."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient

from report_nlp.checker import check_text
from report_nlp.checker.fixes import apply_fixes
from report_nlp.web import Settings, create_app
from tests.conftest import REFERENCE
from tests.test_cli_errors import BAD, make_bad

BASE = "http://127.0.0.1:8765"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings()), base_url=BASE) as c:  # runs the warm-up too
        yield c


@pytest.fixture(scope="module")
def ref() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def _error(r, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    message = body["error"]["message"]
    assert "\n" not in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    return message


def _docx_bytes(text: str, tmp_path: Path) -> bytes:
    from report_nlp import write_docx

    path = tmp_path / "ref.docx"
    write_docx(text, path)
    return path.read_bytes()


# --- endpoints ---------------------------------------------------------------------------------

def test_health(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_check_text_matches_library(client, ref):
    r = client.post("/api/v1/check", json={"text": ref, "name": "参考.txt"})
    assert r.status_code == 200
    body = r.json()
    assert body["schema"] == "report-nlp/findings@1" and "document" not in body
    entry = body["files"][0]
    expected = check_text(ref)
    assert entry["path"] == "参考.txt" and entry["profile"] == "quarterly"
    assert [(f["rule"], f["start"], f["end"]) for f in entry["findings"]] == \
        [(f.rule, f.span.start, f.span.end) for f in expected.findings]


def test_check_file_with_text_and_sarif(client, ref):
    r = client.post("/api/v1/check", files={"file": ("参考.txt", ref.encode("gb18030"))},
                    data={"with_text": "true", "profile": "quarterly"})
    assert r.status_code == 200
    body = r.json()
    assert body["document"]["text"] == ref and body["document"]["profile_name"] == "季度报告"
    assert body["files"][0]["path"] == "参考.txt"
    r = client.post("/api/v1/check", json={"text": ref, "format": "sarif"})
    assert r.status_code == 200 and r.json()["version"] == "2.1.0"
    assert len(r.json()["runs"][0]["results"]) == len(check_text(ref).findings)


def test_check_docx_has_layout_findings_and_names_the_upload(client, ref, tmp_path):
    d = docx.Document()
    for line in ref.split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    r = client.post("/api/v1/check", files={"file": ("收文.docx", buf.getvalue())}, data={"with_text": "1"})
    assert r.status_code == 200
    entry = r.json()["files"][0]
    assert entry["path"] == "收文.docx"
    assert any(f["rule"].startswith("LAY") for f in entry["findings"])
    assert r.json()["document"]["format"] == "docx"


def test_suggest_and_insert(client, ref):
    r = client.post("/api/v1/suggest", json={"text": ref})
    assert r.status_code == 200
    suggestions = r.json()["suggestions"]
    closing = next(s for s in suggestions if s["key"] == "closing")
    r = client.post("/api/v1/insert", json={"text": ref, "offset": closing["offset"], "insertion": closing["text"]})
    assert r.status_code == 200
    new = r.json()["text"]
    assert "\n特此报告。" in new and len(new) == len(ref) + len(closing["text"]) + 1
    assert not any(f.data.get("part") == "closing" for f in check_text(new).findings if f.rule == "STR001")


def test_fix_all_and_one(client, ref):
    r = client.post("/api/v1/fix", json={"text": ref})
    assert r.status_code == 200
    expected, count = apply_fixes(ref, check_text(ref).findings)
    assert r.json() == {"text": expected, "applied": count} and count > 0
    pun = next(f for f in check_text(ref).findings if f.rule.startswith("PUN") and f.fix)
    r = client.post("/api/v1/fix", json={"text": ref, "only": [{"rule": pun.rule, "start": pun.span.start, "end": pun.span.end}]})
    assert r.json()["applied"] == 1
    assert r.json()["text"] == ref[:pun.span.start] + pun.fix[1] + ref[pun.span.end:]


def test_fix_refuses_docx_and_bad_only(client, ref, tmp_path):
    _error(client.post("/api/v1/fix", files={"file": ("a.docx", _docx_bytes(ref, tmp_path))}), 415, "E107")
    _error(client.post("/api/v1/fix", json={"text": ref, "only": "PUN001"}), 422, "E110")
    _error(client.post("/api/v1/fix", json={"text": ref, "only": [{"rule": "PUN001", "start": "x"}]}), 422, "E110")


def test_tag(client, ref):
    r = client.post("/api/v1/tag", json={"text": ref, "name": "参考.txt"})
    assert r.status_code == 200
    body = r.json()
    assert body["schema"] == "report-nlp/document@1" and body["source"] == "参考.txt"
    assert body["paragraphs"][0]["part"] == "addressee"


def test_classify_lines_report_and_items(client, ref):
    r = client.post("/api/v1/classify", json={"text": "个别干部纪律观念淡薄，存在迟到早退现象。\n对“一把手”监督不够有力。\n"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [i["category"] for i in items] == ["cadre_discipline", "supervision"]
    assert items[0]["category_name"] == "干部作风纪律与廉洁自律" and "工作纪律" in items[0]["discipline_names"]
    r = client.post("/api/v1/classify", json={"text": ref})
    assert [i["category"] for i in r.json()["items"]] == ["political_study", "cadre_discipline"]
    r = client.post("/api/v1/classify", json={"items": ["对“一把手”监督不够有力。"]})
    assert r.json()["items"][0]["category"] == "supervision"
    _error(client.post("/api/v1/classify", json={"items": ["  "]}), 400, "E103")
    _error(client.post("/api/v1/classify", json={"items": "x"}), 422, "E110")


def test_annotate_text_and_docx(client, ref, tmp_path):
    n = len(check_text(ref).findings)
    r = client.post("/api/v1/annotate", files={"file": ("参考.docx", _docx_bytes(ref, tmp_path))})
    assert r.status_code == 200 and r.headers["content-type"] == DOCX
    comments = list(docx.Document(io.BytesIO(r.content)).comments)
    assert len(comments) == int(r.headers["x-report-nlp-comments"]) > 0
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    r = client.post("/api/v1/annotate", json={"text": ref})
    assert r.status_code == 200 and len(list(docx.Document(io.BytesIO(r.content)).comments)) >= n - 2


def test_fix_layout(client, ref, tmp_path):
    d = docx.Document()
    for line in ref.split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    r = client.post("/api/v1/fix-layout", files={"file": ("收文.docx", buf.getvalue())})
    assert r.status_code == 200 and int(r.headers["x-report-nlp-paragraphs"]) > 0
    fixed = docx.Document(io.BytesIO(r.content))
    assert "\n".join(p.text for p in fixed.paragraphs) == ref
    _error(client.post("/api/v1/fix-layout", json={"text": ref}), 415, "E107")


def test_rules(client):
    r = client.get("/api/v1/rules")
    rules = r.json()["rules"]
    pun = next(x for x in rules if x["id"] == "PUN001")
    assert pun["family_name"] == "标点" and pun["examples"]["bad"]
    assert r.json()["families"]["LAY"] == "版式（.docx）"


def test_draft_text_files_and_yaml(client):
    example = client.get("/api/v1/draft/example", params={"profile": "quarterly"}).json()
    assert example["yaml"].startswith("#") and example["input"]["profile"] == "quarterly"
    data = json.loads(json.dumps(example["input"]))
    r = client.post("/api/v1/draft", json={"input": data})
    assert r.status_code == 200 and "季度" in r.json()["text"] and r.json()["profile_name"] == "季度报告"
    for fmt, media in (("txt", "text/plain"), ("md", "text/markdown"), ("docx", DOCX), ("yaml", "application/yaml")):
        r = client.post("/api/v1/draft", json={"input": data, "format": fmt})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), fmt
    text = client.post("/api/v1/draft", json={"input": data, "format": "txt"}).content.decode("utf-8")
    doc = docx.Document(io.BytesIO(client.post("/api/v1/draft", json={"input": data, "format": "docx"}).content))
    assert [p.text for p in doc.paragraphs if p.text.strip()] == [ln for ln in text.split("\n") if ln.strip()]
    r = client.post("/api/v1/draft", json={"yaml": example["yaml"]})
    assert r.status_code == 200
    yaml_out = client.post("/api/v1/draft", json={"input": data, "format": "yaml"}).content.decode("utf-8")
    assert client.post("/api/v1/draft/parse", json={"yaml": yaml_out}).json()["input"] == data


def test_draft_from_uploaded_example_file(client):
    path = Path(__file__).parents[1] / "examples" / "quarterly-2022q1.yaml"
    r = client.post("/api/v1/draft", files={"file": (path.name, path.read_bytes())}, data={"format": "docx"})
    assert r.status_code == 200
    r = client.post("/api/v1/draft/parse", files={"file": (path.name, path.read_bytes())})
    assert r.json()["input"]["date"] == "2022-03-31"


def test_draft_field_errors_name_the_field(client):
    data = client.get("/api/v1/draft/example").json()["input"]
    data["work"][0]["theme"] = "stduy"
    r = client.post("/api/v1/draft", json={"input": data})
    message = _error(r, 422, "E110")
    assert message.startswith("work[0].theme: 未知主题“stduy”") and r.json()["error"]["field"] == "work[0].theme"
    r = client.post("/api/v1/draft", json={"input": {**data, "period": {"year": "二〇二二"}}})
    assert r.json()["error"]["fields"] == ["period.year", "work[0].theme"]  # every wrong field at once
    _error(client.post("/api/v1/draft", json={"yaml": "profile: [quarterly"}), 422, "E110")
    _error(client.post("/api/v1/draft", json={"yaml": "   "}), 422, "E110")
    _error(client.post("/api/v1/draft", json={}), 422, "E110")
    _error(client.post("/api/v1/draft", json={"input": data, "format": "pdf"}), 422, "E110")
    _error(client.post("/api/v1/draft/parse", json={"yaml": "- a\n- b\n"}), 422, "E110")
    _error(client.post("/api/v1/draft", files={"file": ("in.toml", b"x = 1")}), 415, "E107")
    _error(client.get("/api/v1/draft/example", params={"profile": "weekly"}), 422, "E110")


def test_draft_form_covers_every_input_field(client):
    from report_nlp.drafter.schema import TOP_KEYS

    spec = client.get("/api/v1/draft/form").json()
    assert [f["key"] for f in spec["fields"]] == list(TOP_KEYS)
    assert {o["value"] for o in spec["options"]["themes"]} >= {"study", "supervision"}


# --- batch -------------------------------------------------------------------------------------

def _rows(r) -> list[dict]:
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in r.text.splitlines()]


def test_batch_files_and_zip_keep_going_past_bad_files(client, ref, tmp_path):
    files = [("file", ("a.txt", ref.encode())), ("file", ("坏.docx", b"PK\x03\x04junk")),
             ("file", ("b.docx", _docx_bytes(ref, tmp_path)))]
    rows = _rows(client.post("/api/v1/batch", files=files, data={"with_text": "1"}))
    assert [r["index"] for r in rows] == [0, 1, 2] and {r["total"] for r in rows} == {3}
    assert rows[1]["error"]["code"] == "E108" and rows[1]["error"]["message"].startswith("坏.docx：")
    ok = rows[0]
    assert ok["kind"] == "季度报告" and "结束语" in ok["missing"] and ok["text"] == ref
    assert ok["categories"] == {"政治建设与理论武装": 1, "干部作风纪律与廉洁自律": 1}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("收文/一.txt", ref)
        zf.writestr("收文/二.md", ref)
        zf.writestr("__MACOSX/._一.txt", "x")
        zf.writestr("收文/说明.pdf", b"%PDF")
    rows = _rows(client.post("/api/v1/batch", files={"file": ("收文.zip", buf.getvalue())}))
    assert [r["name"] for r in rows] == ["收文.zip/收文/一.txt", "收文.zip/收文/二.md", "收文.zip/收文/说明.pdf"]
    assert "file" in rows[0] and "file" in rows[1] and rows[2]["error"]["code"] == "E108"  # a damaged PDF (PDFs are read)


def _zip(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("name", ["../x.txt", "/etc/x.txt", "a/../../x.txt", "C:/x.txt", "..\\x.txt"])
def test_batch_refuses_zip_with_unsafe_paths(client, ref, name):
    message = _error(client.post("/api/v1/batch", files={"file": ("收文.zip", _zip({"ok.txt": ref.encode(), name: b"x"}))}), 422, "E109")
    assert "不安全的路径" in message


def test_batch_refuses_zip_bomb_corrupt_and_empty(client):
    bomb = _zip({"a.txt": b"0" * (20 * 1024 * 1024)})
    assert "压缩炸弹" in _error(client.post("/api/v1/batch", files={"file": ("b.zip", bomb)}), 422, "E109")
    _error(client.post("/api/v1/batch", files={"file": ("c.zip", b"PK\x03\x04broken")}), 422, "E109")
    _error(client.post("/api/v1/batch", data={"profile": "auto"}), 400, "E103")
    _error(client.post("/api/v1/batch/annotated", files={"file": ("b.zip", bomb)}), 422, "E109")


def test_batch_annotated_zip(client, ref, tmp_path):
    files = [("file", ("a.txt", ref.encode())), ("file", ("b.docx", _docx_bytes(ref, tmp_path))),
             ("file", ("坏.txt", b""))]
    r = client.post("/api/v1/batch/annotated", files=files)
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    assert sorted(zf.namelist()) == sorted(["a-检查结果.txt", "b-批注.docx", "未能检查的文件.txt"])
    assert len(list(docx.Document(io.BytesIO(zf.read("b-批注.docx"))).comments)) > 0
    assert "坏.txt：错误[E103]" in zf.read("未能检查的文件.txt").decode("utf-8")


# --- bad input: the CLI's policy, as HTTP 4xx -----------------------------------------------

UPLOADABLE = [k for k in BAD if k not in ("folder", "missing.txt")]


@pytest.mark.parametrize("kind", UPLOADABLE)
def test_bad_uploads_are_4xx_with_one_chinese_line(client, tmp_path, kind):
    path = make_bad(tmp_path, kind)
    r = client.post("/api/v1/check", files={"file": (kind, path.read_bytes())})
    assert 400 <= r.status_code < 500, r.text
    body = r.json()["error"]
    assert body["code"].startswith("E1") and body["message"].startswith(f"{kind}：")
    assert str(tmp_path) not in r.text and "report-nlp-" not in r.text  # the temp copy is never named


def test_status_codes_by_kind(client, tmp_path):
    _error(client.post("/api/v1/check", files={"file": ("huge.txt", make_bad(tmp_path, "huge.txt").read_bytes())}), 413, "E106")
    _error(client.post("/api/v1/check", files={"file": ("scan.png", b"\x89PNG\r\n\x1a\n")}), 415, "E107")
    _error(client.post("/api/v1/check", files={"file": ("old.doc", b"\xd0\xcf\x11\xe0")}), 422, "E108")  # .doc is converted: this one is damaged
    _error(client.post("/api/v1/check", files={"file": ("x.docx", make_bad(tmp_path, "bomb.docx").read_bytes())}), 422, "E108")
    _error(client.post("/api/v1/check", files={"file": ("x.docx", make_bad(tmp_path, "encrypted.docx").read_bytes())}), 422, "E108")
    _error(client.post("/api/v1/check", json={"text": "  \n"}), 400, "E103")
    _error(client.post("/api/v1/check", json={"text": "\x01\x02\x03\x04\x05" * 10}), 400, "E104")


def test_pasted_text_over_the_limit(client, monkeypatch):
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.01")
    _error(client.post("/api/v1/check", json={"text": "党风廉政建设。" * 1000}), 413, "E106")


def test_bad_requests(client, ref):
    _error(client.post("/api/v1/check", content=b"{not json", headers={"content-type": "application/json"}), 422, "E110")
    _error(client.post("/api/v1/check", json=["a"]), 422, "E110")
    _error(client.post("/api/v1/check", json={"text": 5}), 422, "E110")
    _error(client.post("/api/v1/check", json={}), 422, "E110")
    _error(client.post("/api/v1/check", content=b"abc", headers={"content-type": "text/plain"}), 415, "E107")
    _error(client.post("/api/v1/check", json={"text": ref, "format": "xml"}), 422, "E110")
    _error(client.post("/api/v1/check", json={"text": ref, "profile": "weekly"}), 422, "E110")
    _error(client.post("/api/v1/check", files=[("file", ("a.txt", b"a")), ("file", ("b.txt", b"b"))]), 422, "E110")
    _error(client.post("/api/v1/insert", json={"text": ref, "offset": "1", "insertion": "x"}), 422, "E110")
    _error(client.post("/api/v1/check", content=b"--x\r\nbroken", headers={"content-type": "multipart/form-data; boundary=x"}), 422, "E110")
    _error(client.get("/api/v1/nothing"), 404, "E404")
    _error(client.get("/no-such-page"), 404, "E404")
    _error(client.get("/api/v1/check"), 404, "E404")


def test_body_limit(monkeypatch):
    monkeypatch.setenv("REPORT_NLP_MAX_MB", "0.01")  # body limit: 2 x 5 x 0.01 MB + 1 MB
    c = TestClient(create_app(Settings(warm=False)), base_url=BASE)
    _error(c.post("/api/v1/check", content=b"x" * 2_000_000, headers={"content-type": "application/json"}), 413, "E413")

    def chunks():  # no Content-Length: the guard counts the streamed bytes
        for _ in range(40):
            yield b"x" * 100_000

    _error(c.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"}), 413, "E106")


# --- security ------------------------------------------------------------------------------------

def test_security_headers_on_pages_api_and_errors(client):
    for r in (client.get("/"), client.get("/static/check.js"), client.get("/api/v1/health"), client.get("/api/v1/nope")):
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "192.168.1.5:8765", ""])
def test_foreign_host_header_refused(client, host):
    _error(client.get("/api/v1/health", headers={"host": host}), 403, "E403")


def test_loopback_host_names_accepted(client):
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"):
        assert client.get("/api/v1/health", headers={"host": host}).status_code == 200


def test_cross_site_post_refused(client, ref):
    _error(client.post("/api/v1/check", json={"text": ref}, headers={"origin": "http://evil.example"}), 403, "E403")
    assert client.post("/api/v1/check", json={"text": ref}, headers={"origin": BASE}).status_code == 200


def test_token_required_on_every_request():
    app = create_app(Settings(token="s3cret", allowed_hosts=None, warm=False))
    c = TestClient(app, base_url="http://10.0.0.5:8765")
    for method, path in (("get", "/"), ("get", "/api/v1/health"), ("get", "/static/app.css"), ("post", "/api/v1/check"),
                         ("get", "/openapi.json"), ("get", "/docs")):
        _error(getattr(c, method)(path), 401, "E401")
    _error(c.get("/api/v1/health", headers={"authorization": "Bearer wrong"}), 401, "E401")
    assert c.get("/api/v1/health", headers={"authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/api/v1/health", headers={"x-report-nlp-token": "s3cret"}).status_code == 200
    r = c.get("/?token=s3cret", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie now carries the token
    _error(TestClient(app, base_url="http://10.0.0.5:8765").get("/?token=wrong"), 401, "E401")


def test_server_refuses_non_loopback_without_token(monkeypatch, cli):
    from report_nlp.web.errors import ServerProblem
    from report_nlp.web.server import plan

    with pytest.raises(ServerProblem):
        plan("0.0.0.0", None)
    with pytest.raises(ServerProblem):
        plan("192.168.1.5", "")
    assert plan("0.0.0.0", "t") is None
    assert "192.168.1.5" in plan("192.168.1.5", "t")
    assert plan("127.0.0.1", None) == frozenset({"127.0.0.1", "localhost", "::1"})
    monkeypatch.delenv("REPORT_NLP_TOKEN", raising=False)
    code, out, err = cli("serve", "--host", "0.0.0.0")
    assert code == 3 and out == "" and "E410" in err and err.count("\n") == 1


def test_server_refuses_a_taken_port(cli):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        code, _, err = cli("serve", "--port", str(s.getsockname()[1]))
    assert code == 3 and "E410" in err and "端口" in err


def test_pages_escape_nothing_from_the_user_and_load(client):
    for path in ("/", "/batch", "/draft", "/classify", "/rules", "/docs"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "http://" not in r.text and "https://" not in r.text  # nothing from elsewhere
    assert client.get("/static/check.js").headers["content-type"].split(";")[0] in ("text/javascript", "application/javascript")


def test_cold_check_does_not_import_the_web_stack(tmp_path):
    code = ("import sys; from report_nlp.cli import main; main(['check', sys.argv[1], '--fail-on', 'never']); "
            "bad = [m for m in ('fastapi', 'uvicorn', 'starlette', 'multipart', 'python_multipart', 'report_nlp.web') if m in sys.modules]; "
            "print('IMPORTED', bad)")
    env = {"PYTHONPATH": str(Path(__file__).parents[1] / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code, str(REFERENCE)], capture_output=True, text=True, env=env, check=False)
    assert "IMPORTED []" in out.stdout, out.stdout + out.stderr


def test_worker_processes_take_settings_from_the_environment(monkeypatch):
    from report_nlp.web.app import app_from_env
    from report_nlp.web.server import url_for

    monkeypatch.setenv("REPORT_NLP_TOKEN", "t0k")
    monkeypatch.setenv("REPORT_NLP_ALLOWED_HOSTS", "*")
    c = TestClient(app_from_env(), base_url="http://any.example:8765")
    _error(c.get("/api/v1/health"), 401, "E401")
    assert c.get("/api/v1/health", headers={"authorization": "Bearer t0k"}).status_code == 200
    monkeypatch.setenv("REPORT_NLP_TOKEN", "")
    monkeypatch.setenv("REPORT_NLP_ALLOWED_HOSTS", "127.0.0.1,localhost")
    c = TestClient(app_from_env(), base_url=BASE)
    assert c.get("/api/v1/health").status_code == 200
    _error(c.get("/api/v1/health", headers={"host": "evil.example"}), 403, "E403")
    assert url_for("0.0.0.0", 8765, "t") == "http://127.0.0.1:8765/?token=t"
    assert url_for("::1", 9000, None) == "http://[::1]:9000/"


def test_uploaded_files_leave_no_temporary_copies(client, ref, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    files = [("file", ("a.docx", _docx_bytes(ref, tmp_path))), ("file", ("b.txt", ref.encode()))]
    (tmp_path / "ref.docx").unlink()
    assert client.post("/api/v1/batch", files=files).status_code == 200
    assert client.post("/api/v1/annotate", files={"file": files[0][1]}).status_code == 200
    _error(client.post("/api/v1/check", files={"file": ("bad.docx", b"PK\x03\x04junk")}), 422, "E108")
    assert list(tmp_path.iterdir()) == []
