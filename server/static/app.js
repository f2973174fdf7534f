// Progressive enhancement for the story page: a finding's button marks its
// evidence in every source and scrolls to the first. Without JavaScript the
// evidence is highlighted anyway and each source is a link away.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var buttons = document.querySelectorAll("button.show-evidence");
  buttons.forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-f");
      document.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
      document.querySelectorAll(".finding.selected").forEach(function (f) { f.classList.remove("selected"); });
      var marks = Array.prototype.filter.call(document.querySelectorAll("mark[data-f]"), function (m) {
        return m.getAttribute("data-f").split(" ").indexOf(id) >= 0;
      });
      marks.forEach(function (m) { m.classList.add("focus"); });
      var li = b.closest(".finding");
      if (li) { li.classList.add("selected"); }
      if (marks.length) { marks[0].scrollIntoView({ behavior: "smooth", block: "center" }); }
    });
  });
});
