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
