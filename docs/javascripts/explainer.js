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

  // Entity links carry their entity's name, kind and (compared entities) status as
  // data-entity-* attributes, and its summary as `title`, which Material turns into a
  // one-line tooltip. Here that tooltip becomes a preview: name, kind and status, then
  // the summary. It stays the link's description (aria-describedby), so screen readers
  // hear the same words. Text goes in as text (textContent), never as markup.
  var lastHost = null;
  function rememberHost(event) {
    var link = event.target instanceof Element
      ? event.target.closest("a[data-entity-name]") : null;
    if (link) lastHost = link;
  }
  document.addEventListener("pointerover", rememberHost, true);
  document.addEventListener("focusin", rememberHost, true);

  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function line(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function enrichPreview(tooltip) {
    var host = (tooltip.id && document.querySelector(
      '[aria-describedby="' + tooltip.id + '"]')) || lastHost;
    var inner = tooltip.querySelector(".md-tooltip2__inner");
    if (!host || !inner || !host.matches("a[data-entity-name]")) return;
    var summary = inner.textContent.trim();
    var about = [host.getAttribute("data-entity-kind") || ""];
    var status = host.getAttribute("data-entity-status");
    if (status) about.push(status);
    tooltip.classList.add("explainer-preview");
    inner.textContent = "";
    inner.append(
      line("explainer-preview__name", host.getAttribute("data-entity-name") || ""),
      line("explainer-preview__about", capitalised(about.filter(Boolean).join(" · "))),
      line("explainer-preview__summary", summary)
    );
  }

  // Material also renders a citation's preview as an unnamed dialog; screen readers (and
  // axe, aria-dialog-name) need a name for it.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (!(node instanceof Element) || !node.matches(".md-tooltip2")) return;
        if (node.matches("[role=dialog]") && !node.hasAttribute("aria-label")) {
          node.setAttribute("aria-label", "Source");
        } else if (node.matches("[role=tooltip]")) {
          enrichPreview(node);
          // Inside the main landmark, so no text sits outside every landmark (axe
          // `region`). <main> is not positioned: the tooltip's coordinates still work.
          var main = document.querySelector("main");
          if (main && getComputedStyle(main).position === "static") main.append(node);
        }
      });
    });
  }).observe(document.body, { childList: true });

  // Long "Mentioned on" lists and entity histories are secondary to the article: show
  // the first few and a button for the rest. Without JavaScript every item shows.
  var SHOWN = 5;
  document.querySelectorAll(
    ".entity-backlinks > ul, .explainer-history__list"
  ).forEach(function (list, index) {
    var items = Array.prototype.slice.call(list.children, SHOWN);
    if (items.length < 2) return; // one hidden item is not worth a button
    var total = list.children.length;
    var noun = list.matches(".explainer-history__list") ? "events" : "pages";
    list.id = list.id || "explainer-collapsible-" + index;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "explainer-show-all";
    button.setAttribute("aria-controls", list.id);
    function show(all) {
      items.forEach(function (item) { item.hidden = !all; });
      button.setAttribute("aria-expanded", String(all));
      button.textContent = all ? "Show fewer" : "Show all " + total + " " + noun;
    }
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    show(false);
    list.after(button);
  });

  // Citation markers written side by side ("claim.[^a][^b]") read as one group, "5,6":
  // mark each marker that directly follows another, with no text in between.
  document.querySelectorAll('sup[id^="fnref"]').forEach(function (sup) {
    var before = sup.previousSibling;
    if (before && before.nodeType === Node.ELEMENT_NODE && before.matches('sup[id^="fnref"]')) {
      sup.classList.add("explainer-fnref-next");
    }
  });

  // A preview closed by tapping elsewhere needs two taps again.
  document.addEventListener("focusout", function (event) {
    if (event.target === armed) armed = null;
  });
})();
