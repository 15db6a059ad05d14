// js-on.js: marks the page as scripted before it is first painted (loaded blocking, in the head, and cached for a
// year), so the styles for a scripted page apply from the start and nothing moves when the modules run (no layout
// shift from the menu folding away).
document.documentElement.classList.add("js");
