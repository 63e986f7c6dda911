// scipark: small behaviours; no inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", function () {
  // htmx sends Django's CSRF token with every request it makes.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  // Confirmation for destructive buttons: <button data-confirm="…">.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      // A form with a field still wrong (an empty required reason): the browser says so and sends nothing,
      // so there is nothing to confirm yet.
      var form = el.form;
      if (form && el.type === "submit" && !form.noValidate && !el.formNoValidate && !form.checkValidity()) { return; }
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // Filters submit on change of a select (text inputs submit on Enter). Only a form that reads (GET): the
  // role grant on a user's page wears the same look, and choosing its role must not grant it half filled.
  // On a phone the selects in the folding panel (core/_filters_toggle.html) wait for 查询: each reload folds
  // the panel again, so choosing two filters would mean opening it twice.
  var phone = window.matchMedia("(max-width: 767.98px)");
  document.querySelectorAll("form.sp-filters select").forEach(function (el) {
    if ((el.form.getAttribute("method") || "get").toLowerCase() !== "get") { return; }
    el.addEventListener("change", function () {
      if (phone.matches && el.closest(".sp-filters .collapse")) { return; }
      el.form.requestSubmit();
    });
  });
});

// A table wider than its box scrolls inside it (.table-responsive): a keyboard user must be able to reach the
// box to scroll it (WCAG 2.1.1; axe's scrollable-region-focusable), so a box that overflows takes focus and
// is named after its card's head. Checked when a page or an htmx fragment loads and when the window resizes.
(function () {
  "use strict";
  function name(box) {
    var table = box.querySelector("table");
    var caption = table && table.caption ? table.caption.textContent : "";
    var head = box.closest(".card") && box.closest(".card").querySelector(".card-header");
    return (caption || (head ? head.textContent : "")).trim().replace(/\s+/g, " ");
  }
  function focusable(root) {
    (root || document).querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        var label = name(box);
        if (label && !box.hasAttribute("aria-label")) { box.setAttribute("role", "region"); box.setAttribute("aria-label", label); }
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { focusable(document); });
  document.addEventListener("htmx:load", function (event) { focusable(event.target.parentNode || document); });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { focusable(document); }, 150);
  });
})();
