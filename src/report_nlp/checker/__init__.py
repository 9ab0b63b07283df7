"""The checker: run the rules of a profile over a tagged document.

    result = check(segment(load(path)))            # profile auto-detected
    for finding in result.findings: ...
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Document, Finding, Severity, Span
from .config import Config, disabled_ranges, suppressed
from .context import Context
from ..kinds import Profile, detect_profile, get_profile
from .registry import Rule, builtin_rules, rule_functions


@dataclass(frozen=True)
class CheckResult:
    doc: Document
    profile: Profile
    profile_detected: bool
    findings: tuple[Finding, ...]

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for f in self.findings:
            counts[f.severity] += 1
        return counts


def resolve_profile(doc: Document, profile: str | None) -> tuple[Profile, bool]:
    if profile and profile != "auto":
        return get_profile(profile), True
    title = next((doc.para_text(p) for p in doc.paragraphs if p.part == "title"), None)
    opening = next((doc.para_text(p) for p in doc.paragraphs if p.part == "opening"), "")
    if not opening and doc.paragraphs:
        opening = doc.para_text(doc.paragraphs[min(1, len(doc.paragraphs) - 1)])
    pid, recognised = detect_profile(title, opening)
    return get_profile(pid), recognised


def check(doc: Document, profile: str | None = "auto", config: Config | None = None,
          rules: tuple[Rule, ...] | None = None) -> CheckResult:
    """All enabled rules of the profile over ``doc`` (tagged first when it is not yet)."""
    from ..tagger import tag

    config = config or Config()
    if not doc.tagged:
        doc = tag(doc)
    prof, recognised = resolve_profile(doc, profile)
    doc = replace(doc, profile=prof.id)
    ctx = Context(doc=doc, profile=prof, options=config.options)
    ranges = disabled_ranges(doc.text) if doc.format in ("txt", "md") else []
    findings: list[Finding] = []
    active = [r for r in (rules if rules is not None else builtin_rules())
              if r.id not in prof.disable and r.family not in prof.disable and config.enabled(r.id)]
    layout = _layout_findings(doc, active)
    for rule in active:
        found = (f for f in layout if f.rule == rule.id) if rule.kind == "layout" else run_rule(rule, ctx)
        for finding in found:
            if suppressed(rule.id, finding.span.start, ranges) or _comment_suppressed(rule.id, finding.span, doc):
                continue
            severity = config.severity_for(rule.id, prof.severity.get(rule.id, finding.severity))
            applicability = config.applicability_for(rule.id, finding.applicability)
            if (severity, applicability) != (finding.severity, finding.applicability):
                finding = replace(finding, severity=severity, applicability=applicability)
            findings.append(finding)
    findings = sorted(_dedupe(_yield(findings, active)), key=_order)
    return CheckResult(doc=doc, profile=prof, profile_detected=recognised, findings=tuple(findings))


def _comment_suppressed(rule_id: str, span: Span, doc: Document) -> bool:
    """Whether a Word ``report-nlp: disable RULE`` comment covers (overlaps) the finding."""
    for start, end, ids in doc.suppress:
        overlaps = span.start < end and span.end > start if len(span) else start <= span.start <= end
        if overlaps and any(rule_id == i or rule_id.startswith(i) for i in ids):
            return True
    return False


def _layout_findings(doc: Document, active: list[Rule]) -> list[Finding]:
    """LAY findings of a .docx (one pass over its formatting), when any layout rule is on."""
    if doc.format != "docx" or not any(r.kind == "layout" for r in active):
        return []
    from ..layout.rules import check_layout

    return check_layout(doc.word if doc.word is not None else doc.source, doc)


def run_rule(rule: Rule, ctx: Context):
    if rule.kind == "regex":
        yield from _run_regex(rule, ctx)
    else:
        yield from rule_functions()[rule.id](ctx, rule)


def _run_regex(rule: Rule, ctx: Context):
    pattern = re.compile(rule.params["pattern"])
    parts = rule.params.get("parts")
    replacement = rule.params.get("replace")
    for para in ctx.doc.paragraphs:
        if parts and para.part not in parts:
            continue
        for m in pattern.finditer(ctx.text, para.span.start, para.span.end):
            span = Span(m.start(), m.end())
            fix = (span, m.expand(replacement)) if replacement is not None else None
            yield ctx.finding(rule, span, fix=fix, match=m.group())


def _order(f: Finding) -> tuple:
    """Text order; missing parts at one insertion point in the order the parts belong."""
    from ..taxonomy import taxonomy

    parts = list(taxonomy().parts)
    part = f.data.get("part")
    return (f.span.start, f.span.end, f.rule, parts.index(part) if part in parts else -1, f.message)


def _yield(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Drop a finding of a rule that ``yields_to`` other rules where one of them found something
    overlapping it (a homophone slip that the typo lexicon already names more exactly)."""
    yielding = {r.id: set(r.params.get("yields_to") or ()) for r in rules if r.params.get("yields_to")}
    if not yielding:
        return findings
    by_rule: dict[str, list[Span]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f.span)

    def overlapped(f: Finding) -> bool:
        return any(s.start < f.span.end and f.span.start < s.end
                   for other in yielding[f.rule] for s in by_rule.get(other, ()))

    return [f for f in findings if f.rule not in yielding or not overlapped(f)]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per family, span and subject (a reversed 四风 is TRM001 or TRM002, not
    both), while missing parts at one insertion point stay separate findings."""
    seen, out = set(), []
    for f in sorted(findings, key=lambda f: f.rule):
        key = (f.rule[:3], f.span, f.data.get("part"), f.data.get("theme"), f.data.get("category"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_text(text: str, profile: str | None = "auto", config: Config | None = None,
               rules: tuple[Rule, ...] | None = None, source: str = "<文本>") -> CheckResult:
    """:func:`check` of a string (named ``source`` in messages), optionally with chosen rules."""
    from ..model import RawText
    from ..segmenter import segment

    return check(segment(RawText(source=source, text=text.replace("\r\n", "\n"))), profile, config, rules)
