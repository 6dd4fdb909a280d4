"""The view of a validation report (``graphkit validate``): one finding per block."""

__all__ = ["REPORT_COLUMNS", "report_rows", "report_text"]

REPORT_COLUMNS = ("severity", "focus", "path", "value", "message", "shape", "file")


def report_rows(report) -> list[dict]:
    """One row per finding of a :class:`graphkit.graph.validate.Report`.

    Examples
    --------
    >>> from graphkit.graph.validate import Finding, Report
    >>> rows = report_rows(Report((Finding("Warning", "role:x", "", "why", "smpsh:S"),)))
    >>> rows[0]["severity"], rows[0]["focus"], rows[0]["shape"], rows[0]["file"]
    ('Warning', 'role:x', 'smpsh:S', '')
    """
    return [{c: getattr(f, c) for c in REPORT_COLUMNS} for f in report.findings]


def report_text(report) -> str:
    """Render a validation report: a verdict line, then one block per finding.

    Examples
    --------
    >>> from graphkit.graph.validate import Finding, Report
    >>> finding = Finding("Violation", "role:x", "smp:weight", "too heavy", "smpsh:S", "2", "a.ttl")
    >>> print(report_text(Report((finding,))), end="")
    does not conform: 1 violation(s), 0 warning(s)
    Violation role:x (a.ttl)
              smp:weight = 2
              too heavy [smpsh:S]
    """
    verdict = "conforms" if report.conforms else "does not conform"
    lines = [f"{verdict}: {len(report.violations)} violation(s), {len(report.warnings)} warning(s)"]
    for f in report.findings:
        where = f" ({f.file})" if f.file else ""
        lines.append(f"{f.severity:<9} {f.focus}{where}")
        detail = " ".join(x for x in (f.path, f"= {f.value}" if f.value else "") if x)
        if detail:
            lines.append(f"          {detail}")
        lines.append(f"          {f.message} [{f.shape}]")
    return "\n".join(lines) + "\n"
