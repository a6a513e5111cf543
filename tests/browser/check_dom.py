#!/usr/bin/env python3
"""check_dom.py RESULT.json DOM.html - the report as the browser built it.

Reads the DOM that `chromium --dump-dom` printed for the HTML report of
RESULT.json and checks that every chart is there with the data of the JSON:

  - one section per issue, each with its positions chart: a circle per actor
    at the actor's position, a marker per model at its forecast, the status
    quo, each red line, what every red line admits and each venue's interval;
  - the expected-utility rounds: a line per actor and the median;
  - with draws: a histogram per model whose bars are the JSON's counts, and
    the tornado: the first inputs of the compromise model's ranking, in order;
  - the summary table, the sources, and no script at all.

Prints one line per failed check and exits 1 when any failed.
"""
import json
import sys
from html.parser import HTMLParser


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find(self, tag=None, **attrs):
        for n in self.walk():
            if (tag is None or n.tag == tag) and all(n.attrs.get(k.replace("_", "-")) == v if v is not True
                                                     else k.replace("_", "-") in n.attrs
                                                     for k, v in attrs.items()):
                yield n


VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent


FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL: " + what)


def close(a, b):
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def main():
    result = json.load(open(sys.argv[1]))
    tree = Tree()
    tree.feed(open(sys.argv[2], encoding="utf-8").read())
    root = tree.root

    check(not list(root.find("script")), "the page has no script")
    check(not list(root.find("link")) and not list(root.find("iframe")), "the page loads nothing")
    rows = list(root.find("table", **{"class": "wide summary"}))
    check(len(rows) == 1 and len(list(rows[0].find("tr"))) == len(result["issues"]) + 1,
          "the summary table has a row per issue")
    docs = result["scenario"].get("documents", [])
    check(len(list(root.find("ol", **{"class": "sources"}))) == (1 if docs else 0), "sources are listed")
    check(len([li for ol in root.find("ol", **{"class": "sources"}) for li in ol.find("li")]) == len(docs),
          "every cited document is listed")
    charts = 0
    for issue in result["issues"]:
        iid = issue["id"]
        secs = list(root.find("section", data_issue=iid))
        check(len(secs) == 1, "%s: one section" % iid)
        if not secs:
            continue
        sec = secs[0]
        pos = list(sec.find("svg", data_chart="positions"))
        check(len(pos) == 1, "%s: a positions chart" % iid)
        if not pos:
            continue
        svg = pos[0]
        charts += 1
        check(svg.attrs.get("role") == "img" and svg.attrs.get("aria-label"), "%s: the chart is an image with a label" % iid)
        check(len(list(svg.find("title"))) == 1 and len(list(svg.find("desc"))) == 1, "%s: title and desc" % iid)
        circles = {c.attrs["data-actor"]: c for c in svg.find("circle", data_actor=True)}
        check(set(circles) == {a["id"] for a in issue["actors"]}, "%s: a circle per actor" % iid)
        for a in issue["actors"]:
            c = circles.get(a["id"])
            check(c is not None and close(c.attrs["data-position"], a["position"]),
                  "%s: %s at %s" % (iid, a["id"], a["position"]))
            check(c is not None and close(c.attrs["data-weight"], a["capability"] * a["salience"]),
                  "%s: %s sized by capability x salience" % (iid, a["id"]))
        reds = list(svg.find("g", data_red_line=True))
        check(len(reds) == sum(1 for a in issue["actors"] if a["red_line"]), "%s: a bar per red line" % iid)
        for name, m in issue["models"].items():
            marks = [n for n in svg.walk() if n.attrs.get("data-model") == name and "data-forecast" in n.attrs]
            if "forecast" in m:
                check(len(marks) == 1 and close(marks[0].attrs["data-forecast"], m["forecast"]),
                      "%s: the %s forecast %s is marked" % (iid, name, m.get("forecast")))
            else:
                check(not marks, "%s: no mark for the failed %s" % (iid, name))
        if issue["status_quo"] is not None:
            sq = [n for n in svg.walk() if "data-status-quo" in n.attrs]
            check(len(sq) == 1 and close(sq[0].attrs["data-status-quo"], issue["status_quo"]), "%s: the status quo" % iid)
        fz = issue.get("feasibility")
        if fz:
            acc = list(svg.find("g", data_interval="acceptable"))
            check(len(acc) == 1, "%s: what every red line admits" % iid)
            if acc and fz["acceptable"]:
                check(close(acc[0].attrs["data-lo"], fz["acceptable"][0]) and close(acc[0].attrs["data-hi"], fz["acceptable"][1]),
                      "%s: the acceptable set's ends" % iid)
            for vid, v in fz.get("venues", {}).items():
                g = list(svg.find("g", data_interval="venue", data_id=vid))
                check(len(g) == 1, "%s: venue %s has a lane" % (iid, vid))
                if g and v["change"]:
                    check(close(g[0].attrs["data-lo"], v["change"][0]) and close(g[0].attrs["data-hi"], v["change"][1]),
                          "%s: venue %s's change set" % (iid, vid))
            for bid, r in fz.get("ratification", {}).items():
                g = list(svg.find("g", data_interval="ratifiable", data_id=bid))
                check(len(g) == 1, "%s: ratification by %s has a lane" % (iid, bid))
        bdm = issue["models"].get("bdm")
        if bdm and "rounds" in bdm:
            r = list(sec.find("svg", data_chart="rounds"))
            check(len(r) == 1, "%s: the rounds chart" % iid)
            if r:
                charts += 1
                lines = {p.attrs.get("data-actor") for p in r[0].find("polyline", data_actor=True)}
                check(lines == {a["id"] for a in issue["actors"]}, "%s: a trajectory per actor" % iid)
                med = list(r[0].find("polyline", data_series="median"))
                check(len(med) == 1 and len(med[0].attrs["points"].split()) == len(bdm["rounds"]) + 1,
                      "%s: the median by round" % iid)
        if result.get("draws"):
            d = list(sec.find("svg", data_chart="distributions"))
            check(len(d) == 1, "%s: the distributions chart" % iid)
            if d:
                charts += 1
                for name, m in issue["models"].items():
                    if "distribution" not in m:
                        continue
                    g = list(d[0].find("g", data_model=name, data_histogram=True))
                    counts = m["distribution"]["histogram"]["counts"]
                    bars = list(g[0].find("rect")) if g else []
                    check(len(bars) == len(counts) and all(close(b.attrs["data-count"], n) for b, n in zip(bars, counts)),
                          "%s: the %s histogram has the JSON's counts" % (iid, name))
            sens = issue.get("sensitivity", {}).get("compromise")
            if sens:
                t = list(sec.find("svg", data_chart="tornado"))
                check(len(t) == 1, "%s: the tornado chart" % iid)
                if t:
                    charts += 1
                    bars = list(t[0].find("rect", data_share=True))
                    want = sens[:10]
                    check(len(bars) == len(want), "%s: %d tornado bars" % (iid, len(want)))
                    for b, e in zip(bars, want):
                        check(b.attrs["data-input"] == e["input"] and b.attrs["data-actor"] == (e["actor"] or "")
                              and close(b.attrs["data-share"], e["variance_share"]),
                              "%s: tornado bar %s of %s" % (iid, e["input"], e["actor"]))
                        w = float(b.attrs["width"])
                        check(w > 0, "%s: tornado bar %s of %s has a length" % (iid, e["input"], e["actor"]))
    print("%d charts checked, %d failures" % (charts, len(FAILS)))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
