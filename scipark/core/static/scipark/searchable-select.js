// scipark: searchable selects (issue 10 item 9). Progressive enhancement: the page's plain <select> is the
// form's field and still works without this script; here Tom Select (npm tom-select, served locally) puts a
// search box on the long ones: enterprise, industry and department pickers by name, any select marked
// data-searchable, and any select with more than LONG options. A select marked data-plain is left alone.
(function () {
  "use strict";
  var LONG = 30;
  var PICKER = /(^|[_-])(enterprise|enterprises|industry|industries|department|departments|lead_department)$/;

  function wanted(select) {
    if (select.tomselect || select.hasAttribute("data-plain")) { return false; }
    if (select.hasAttribute("data-searchable")) { return true; }
    return PICKER.test(select.name || "") || select.options.length > LONG;
  }

  function noMatches() {
    return (document.documentElement.lang || "zh").indexOf("zh") === 0 ? "无匹配项" : "No matches";
  }

  function enhance(root) {
    if (!window.TomSelect || !root || !root.querySelectorAll) { return; }
    var selects = root.matches && root.matches("select") ? [root] : root.querySelectorAll("select");
    Array.prototype.forEach.call(selects, function (select) {
      if (!wanted(select)) { return; }
      // Tom Select points the <label> at its own search box; the original select, hidden but still read by
      // screen readers and sent with the form, keeps the label's words as its accessible name.
      var name = select.getAttribute("aria-label") || (select.labels && select.labels.length ? select.labels[0].textContent.trim() : "");
      try {
        new window.TomSelect(select, {
          allowEmptyOption: !select.required,
          maxOptions: 200,
          create: false,
          // a phone's keyboard covers half the page: keep the list short and in view
          maxItems: select.multiple ? null : 1,
          plugins: select.multiple ? ["remove_button"] : [],
          render: { no_results: function () { return "<div class=\"no-results\">" + noMatches() + "</div>"; } },
        });
        if (name) { select.setAttribute("aria-label", name); }
      } catch (error) {
        // leave the plain select working; one bad select must not break the page
        if (window.console) { window.console.warn("searchable select:", select.name, error); }
      }
    });
  }

  if (window.htmx && window.htmx.onLoad) {
    window.htmx.onLoad(enhance); // the page, and every fragment htmx swaps in
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();
