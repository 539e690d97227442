// Filters by kind and concept; "accept" per finding; the accepted ones saved as a JSON file
// that `qa --ignore` reads (the same fields as `qa --format json`).
(function () {
  "use strict";
  var form = document.querySelector(".filters");
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var button = document.getElementById("download");
  var counter = document.getElementById("accepted-count");
  function accepted() {
    return findings.filter(function (f) { return f.querySelector("[name=accept]").checked; });
  }
  function update() {
    var kinds = Array.prototype.slice.call(form.querySelectorAll("[name=kind]:checked"))
      .map(function (box) { return box.value; });
    var concept = form.elements.concept.value;
    var hide = form.elements["hide-accepted"].checked;
    findings.forEach(function (f) {
      var ok = f.querySelector("[name=accept]").checked;
      f.classList.toggle("accepted", ok);
      f.hidden = kinds.indexOf(f.dataset.kind) < 0 ||
        (concept && f.dataset.concept !== concept) || (hide && ok);
    });
    var n = accepted().length;
    button.disabled = n === 0;
    counter.textContent = n ? counter.dataset.template.replace("%(count)s", n) : "";
  }
  counter.dataset.template = document.body.dataset.acceptedTemplate || "%(count)s";
  form.addEventListener("change", update);
  document.querySelector("main").addEventListener("change", update);
  button.addEventListener("click", function () {
    var list = accepted().map(function (f) {
      return { file: f.dataset.file, unit: f.dataset.unit, concept: f.dataset.concept };
    });
    var blob = new Blob([JSON.stringify(list, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "qa-accepted.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  update();
})();
