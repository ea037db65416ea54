/* Stories: the triad and slider inputs, by touch, mouse and keyboard.
 *
 * Without this script the page still works: a triad is three number fields (percentages
 * that add up to 100) and a slider one number field from 0 to 100. This script shows the
 * triangle and the track instead, and keeps writing the point into those same fields, so
 * the server receives exactly what it would without JavaScript.
 *
 * Geometry matches bedoeling.insights.ternary: corner A bottom left, B bottom right, C top.
 * The marker is moved with SVG attributes (cx, cy), never with style: the
 * Content-Security-Policy forbids inline styles. */
(function () {
  "use strict";

  var NBSP = "\u00a0";

  function svgPoint(svg, event) {
    var pt = svg.createSVGPoint();
    pt.x = event.clientX;
    pt.y = event.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  /* Whole percentages that add up to exactly 100 (largest remainder). */
  function percentages(weights) {
    var raw = weights.map(function (w) { return w * 100; });
    var floors = raw.map(Math.floor);
    var left = 100 - floors.reduce(function (a, b) { return a + b; }, 0);
    var order = raw.map(function (v, i) { return [v - floors[i], i]; })
      .sort(function (p, q) { return q[0] - p[0] || p[1] - q[1]; });
    for (var k = 0; k < left; k++) { floors[order[k % 3][1]] += 1; }
    return floors;
  }

  function closestOnSegment(p, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y;
    var t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy);
    t = Math.max(0, Math.min(1, t));
    return { x: a.x + t * dx, y: a.y + t * dy };
  }

  function dist2(p, q) { return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y); }

  function pointerDrag(svg, isDisabled, moveTo) {
    var dragging = false;
    svg.addEventListener("pointerdown", function (event) {
      if (isDisabled()) { return; }
      dragging = true;
      if (svg.setPointerCapture) { svg.setPointerCapture(event.pointerId); }
      svg.focus({ preventScroll: true });
      moveTo(svgPoint(svg, event));
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (dragging) { moveTo(svgPoint(svg, event)); }
    });
    ["pointerup", "pointercancel", "lostpointercapture"].forEach(function (name) {
      svg.addEventListener(name, function () { dragging = false; });
    });
  }

  function notApplicable(fieldset, svg, onChange) {
    var box = fieldset.querySelector('input[type="checkbox"][name$="-na"]');
    function sync() {
      var off = Boolean(box && box.checked);
      fieldset.classList.toggle("is-not-applicable", off);
      svg.setAttribute("aria-disabled", off ? "true" : "false");
      if (onChange) { onChange(off); }
    }
    if (box) { box.addEventListener("change", sync); }
    sync();
    return function () { return Boolean(box && box.checked); };
  }

  function enhanceTriad(fieldset) {
    var svg = fieldset.querySelector(".triad__svg");
    var marker = fieldset.querySelector(".triad__marker");
    var inputs = fieldset.querySelectorAll("[data-fallback] input");
    var readout = fieldset.querySelector("[data-readout]");
    var labels = [fieldset.dataset.labelA, fieldset.dataset.labelB, fieldset.dataset.labelC];
    var empty = fieldset.dataset.textEmpty;
    var pts = svg.querySelector(".triad__area").points;
    var A = { x: pts.getItem(0).x, y: pts.getItem(0).y };
    var B = { x: pts.getItem(1).x, y: pts.getItem(1).y };
    var C = { x: pts.getItem(2).x, y: pts.getItem(2).y };
    var side = B.x - A.x;
    var centroid = { x: (A.x + B.x + C.x) / 3, y: (A.y + B.y + C.y) / 3 };
    var point = null;

    function weightsOf(p) {
      var det = (B.y - C.y) * (A.x - C.x) + (C.x - B.x) * (A.y - C.y);
      var a = ((B.y - C.y) * (p.x - C.x) + (C.x - B.x) * (p.y - C.y)) / det;
      var b = ((C.y - A.y) * (p.x - C.x) + (A.x - C.x) * (p.y - C.y)) / det;
      return [a, b, 1 - a - b];
    }

    function inside(p) {
      var w = weightsOf(p);
      if (w[0] >= 0 && w[1] >= 0 && w[2] >= 0) { return p; }
      var best = null;
      [[A, B], [B, C], [C, A]].forEach(function (edge) {
        var q = closestOnSegment(p, edge[0], edge[1]);
        if (!best || dist2(p, q) < dist2(p, best)) { best = q; }
      });
      return best;
    }

    function describe(pcts) {
      return labels.map(function (label, i) { return label + " " + pcts[i] + NBSP + "%"; })
        .join(", ");
    }

    function render() {
      if (!point) {
        marker.setAttribute("visibility", "hidden");
        svg.setAttribute("aria-valuenow", "0");
        svg.setAttribute("aria-valuetext", empty);
        readout.textContent = empty;
        inputs.forEach(function (input) { input.value = ""; });
        return;
      }
      var w = weightsOf(point).map(function (v) { return Math.max(0, v); });
      var sum = w[0] + w[1] + w[2];
      var pcts = percentages(w.map(function (v) { return v / sum; }));
      marker.setAttribute("cx", point.x.toFixed(1));
      marker.setAttribute("cy", point.y.toFixed(1));
      marker.setAttribute("visibility", "visible");
      inputs.forEach(function (input, i) { input.value = String(pcts[i]); });
      var text = describe(pcts);
      svg.setAttribute("aria-valuenow", String(pcts[0]));
      svg.setAttribute("aria-valuetext", text);
      readout.textContent = text;
    }

    function moveTo(p) { point = inside(p); render(); }

    // Start from what the fields hold (a page shown again after an error keeps its point).
    var given = Array.prototype.map.call(inputs, function (input) {
      return input.value === "" ? NaN : Number(input.value);
    });
    var total = given[0] + given[1] + given[2];
    if (given.every(function (v) { return isFinite(v) && v >= 0; }) && Math.abs(total - 100) < 0.5) {
      point = {
        x: (given[0] * A.x + given[1] * B.x + given[2] * C.x) / total,
        y: (given[0] * A.y + given[1] * B.y + given[2] * C.y) / total,
      };
    }

    var disabled = notApplicable(fieldset, svg);
    pointerDrag(svg, disabled, moveTo);

    svg.addEventListener("keydown", function (event) {
      if (disabled()) { return; }
      var step = side * (event.shiftKey ? 0.1 : 0.02);
      var p = point || centroid;
      var moves = {
        ArrowLeft: [-step, 0], ArrowRight: [step, 0],
        ArrowUp: [0, -step], ArrowDown: [0, step],
      };
      if (event.key === "Home") {
        moveTo(centroid);
      } else if (moves[event.key]) {
        var d = point ? moves[event.key] : [0, 0];
        moveTo({ x: p.x + d[0], y: p.y + d[1] });
      } else {
        return;
      }
      event.preventDefault();
    });

    fieldset.querySelector("[data-clear]").addEventListener("click", function () {
      point = null;
      render();
      svg.focus();
    });

    fieldset.querySelector("[data-fallback]").hidden = true;
    fieldset.querySelector(".triad__control").hidden = false;
    fieldset.classList.add("is-enhanced");
    render();
  }

  function enhanceSlider(fieldset) {
    var svg = fieldset.querySelector(".slider__svg");
    var marker = fieldset.querySelector(".slider__marker");
    var track = fieldset.querySelector(".slider__track");
    var input = fieldset.querySelector("[data-fallback] input");
    var readout = fieldset.querySelector("[data-readout]");
    var d = fieldset.dataset;
    var x1 = Number(track.getAttribute("x1"));
    var x2 = Number(track.getAttribute("x2"));
    var value = input.value === "" ? null : Math.round(Number(input.value));
    if (value !== null && !(value >= 0 && value <= 100)) { value = null; }

    function describe(v) {
      var where = v < 50 ? d.textNearA : (v > 50 ? d.textNearB : d.textMiddle);
      return v + " " + d.textOf + ", " + where;
    }

    function render() {
      if (value === null) {
        marker.setAttribute("visibility", "hidden");
        svg.setAttribute("aria-valuenow", "50");
        svg.setAttribute("aria-valuetext", d.textEmpty);
        readout.textContent = d.textEmpty;
        input.value = "";
        return;
      }
      marker.setAttribute("cx", (x1 + (x2 - x1) * value / 100).toFixed(1));
      marker.setAttribute("visibility", "visible");
      input.value = String(value);
      svg.setAttribute("aria-valuenow", String(value));
      svg.setAttribute("aria-valuetext", describe(value));
      readout.textContent = describe(value);
    }

    function set(v) { value = Math.max(0, Math.min(100, Math.round(v))); render(); }

    var disabled = notApplicable(fieldset, svg);
    pointerDrag(svg, disabled, function (p) { set((p.x - x1) / (x2 - x1) * 100); });

    svg.addEventListener("keydown", function (event) {
      if (disabled()) { return; }
      var current = value === null ? 50 : value;
      var big = event.shiftKey ? 10 : 1;
      var keys = {
        ArrowLeft: -big, ArrowDown: -big, ArrowRight: big, ArrowUp: big,
        PageDown: -10, PageUp: 10,
      };
      if (event.key === "Home") { set(0); }
      else if (event.key === "End") { set(100); }
      else if (keys[event.key] !== undefined) { set(value === null ? 50 : current + keys[event.key]); }
      else { return; }
      event.preventDefault();
    });

    fieldset.querySelector("[data-clear]").addEventListener("click", function () {
      value = null;
      render();
      svg.focus();
    });

    fieldset.querySelector("[data-fallback]").hidden = true;
    fieldset.querySelector(".slider__control").hidden = false;
    fieldset.classList.add("is-enhanced");
    render();
  }

  function openFiltersOnWideScreens() {
    if (!window.matchMedia("(min-width: 64rem)").matches) { return; }
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }

  document.querySelectorAll("[data-triad]").forEach(enhanceTriad);
  document.querySelectorAll("[data-slider]").forEach(enhanceSlider);
  openFiltersOnWideScreens();
}());
