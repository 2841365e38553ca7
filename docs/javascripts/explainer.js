/* Touch support for previews. Material shows a citation's source (footnote tooltip) and
   an entity link's preview on hover and on keyboard focus; a finger has no hover, so a
   tap would jump straight to the footnote or the other page. Here the first tap on such a
   link shows its preview (by focusing it) and a second tap on the same link follows it.
   Mouse and keyboard behave as before: the preview is extra, never in the way. */
(function () {
  "use strict";

  var PREVIEWED = "a.footnote-ref, a[data-entity-name]";
  var lastPointer = "mouse";
  var armed = null;

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(PREVIEWED) : null;
    if (!link || lastPointer !== "touch") {
      armed = null;
      return;
    }
    if (armed === link) {
      armed = null;
      return; // second tap: follow the link
    }
    event.preventDefault();
    armed = link;
    link.focus();
  }, true);

  // Material renders a citation's preview as an unnamed dialog; screen readers (and axe,
  // aria-dialog-name) need a name for it.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node instanceof Element && node.matches(".md-tooltip2[role=dialog]")
            && !node.hasAttribute("aria-label")) {
          node.setAttribute("aria-label", "Source");
        }
      });
    });
  }).observe(document.body, { childList: true });

  // A preview closed by tapping elsewhere needs two taps again.
  document.addEventListener("focusout", function (event) {
    if (event.target === armed) armed = null;
  });
})();
