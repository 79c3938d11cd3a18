"""The agreement report as one self-contained HTML page with charts.

matplotlib does not shape Arabic: chart labels go through arabic-reshaper and python-bidi
(annotator.terminal.display) and are drawn with the bundled Noto Naskh Arabic. Text in the
HTML itself is left alone — the browser shapes it.
"""

from __future__ import annotations

import base64
import html
import io

from annotator.resources_path import resource_path
from annotator.terminal import display

MEASURES = (("f1_exact", "F1 exact"), ("f1_overlap", "F1 overlap"), ("alpha_u", "α_U"), ("kappa", "κ"),
            ("alpha_nominal", "α nominal"))


def render(report: dict, schema, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")  # no display, and no Qt: the report is made headless
    from matplotlib import font_manager

    font = resource_path("fonts", "noto-naskh-arabic", "NotoNaskhArabic-Regular.ttf")
    font_manager.fontManager.addfont(str(font))
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", "Noto Naskh Arabic"]

    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse;"
             "margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}"
             ".u{color:#a33}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>",
             f"<p>Annotators: {html.escape(', '.join(report['annotators']))}. Documents compared: "
             f"{report['documents']} ({'only those marked done' if report['only_done'] else 'every document worked on'})."
             f"<br>Token measures: {html.escape(report['tokenizer'])}; scheme {report['scheme']}.</p>"]
    if "undefined" in report:
        parts.append(f"<p class='u'>{html.escape(report['undefined'])}</p></body></html>")
        return "".join(parts)
    for layer, data in report["layers"].items():
        layer_schema = schema.layer(layer)
        parts.append(f"<h2>{html.escape(layer_schema.en)} <span dir='rtl'>({html.escape(layer_schema.ar)})</span></h2>")
        parts.append(_measure_table(data))
        parts.append(_chart_pairs(data, layer_schema.en))
        parts.append(_label_table(data, layer_schema))
        parts.append(_chart_labels(data, layer_schema))
    if report.get("links"):
        parts.append("<h2>Links of matched quotes</h2><table><tr><th>link</th><th>pair</th><th>agreement</th>"
                     "<th>matched quotes</th></tr>")
        for link, data in report["links"].items():
            for pair, score in data["pairs"].items():
                parts.append(f"<tr><td>{link}</td><td>{html.escape(pair)}</td><td>{_value(score)}</td>"
                             f"<td>{score.get('matched_quotes', '')}</td></tr>")
        parts.append("</table>")
    for name, per_pair in report.get("attributes", {}).items():
        parts.append(f"<h2>Attribute {html.escape(name)} of matched quotes</h2><table><tr><th>pair</th><th>κ</th>"
                     "<th>observed</th><th>compared</th></tr>")
        for pair, data in per_pair.items():
            observed = "—" if data["observed"] is None else f"{data['observed']:.3f}"
            parts.append(f"<tr><td>{html.escape(pair)}</td><td>{_value(data['kappa'])}</td><td>{observed}</td>"
                         f"<td>{data['compared']}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def _value(score: dict) -> str:
    if score.get("value") is None:
        return f"<span class='u' title='{html.escape(score.get('undefined', ''))}'>undefined</span>"
    return f"{score['value']:.3f}"


def _measure_table(data: dict) -> str:
    rows = ["<table><tr><th>pair</th><th>documents</th>" + "".join(f"<th>{t}</th>" for _, t in MEASURES) + "</tr>"]
    for pair, entry in data["pairs"].items():
        rows.append(f"<tr><td>{html.escape(pair)}</td><td>{entry['documents']}</td>"
                    + "".join(f"<td>{_value(entry[k])}</td>" for k, _ in MEASURES) + "</tr>")
    overall = data["overall"]
    rows.append(f"<tr><th>all</th><td>{overall['documents_all_annotators']}</td>"
                + "".join(f"<td>{_value(overall[k])}</td>" for k, _ in MEASURES) + "</tr></table>")
    return "".join(rows)


def _label_table(data: dict, layer_schema) -> str:
    rows = ["<table><tr><th>label</th><th>pair</th><th>F1 exact</th><th>F1 overlap</th><th>α_U</th></tr>"]
    for label in layer_schema.labels:
        for pair, scores in data["labels"].get(label.name, {}).items():
            rows.append(f"<tr><td>{label.name} <span dir='rtl'>{html.escape(label.ar)}</span></td>"
                        f"<td>{html.escape(pair)}</td><td>{_value(scores.get('f1_exact', {}))}</td>"
                        f"<td>{_value(scores.get('f1_overlap', {}))}</td>"
                        f"<td>{_value(scores.get('alpha_u', {'undefined': 'not marked'}))}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _chart_pairs(data: dict, layer_title: str) -> str:
    from matplotlib import pyplot as plt

    pairs = list(data["pairs"])
    fig, ax = plt.subplots(figsize=(8, 3.2))
    width = 0.8 / len(MEASURES)
    for n, (key, title) in enumerate(MEASURES):
        values = [data["pairs"][p][key].get("value") or 0 for p in pairs]
        ax.bar([k + n * width for k in range(len(pairs))], values, width, label=title)
    ax.set_xticks([k + 0.4 - width / 2 for k in range(len(pairs))], [p.replace("|", " × ") for p in pairs])
    ax.set_ylim(min(0, *(data["pairs"][p][k].get("value") or 0 for p in pairs for k, _ in MEASURES)), 1)
    ax.set_title(f"{layer_title}: agreement per annotator pair")
    ax.legend(fontsize=8, ncol=len(MEASURES), loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    return _figure(fig)


def _chart_labels(data: dict, layer_schema) -> str:
    from matplotlib import pyplot as plt

    labels = [label for label in layer_schema.labels if data["labels"].get(label.name)]
    if not labels:
        return ""
    means = []
    for label in labels:
        values = [s["f1_overlap"]["value"] for s in data["labels"][label.name].values()
                  if s.get("f1_overlap", {}).get("value") is not None]
        means.append(sum(values) / len(values) if values else 0)
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * len(labels)))
    # Arabic names shaped and reordered: matplotlib draws characters one by one.
    names = [f"{label.name}  {display(label.ar)}" for label in labels]
    ax.barh(names, means, color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.set_title(f"{layer_schema.en} — {display(layer_schema.ar)}: F1 overlap per label (mean over pairs)")
    return _figure(fig)


def _figure(fig) -> str:
    from matplotlib import pyplot as plt

    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return f"<p><img alt='chart' src='data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}'></p>"
