// menu.js: turns the main navigation into an animated menu. Without this script the navigation is a plain list of
// links; with it, small screens get a "Menu" button (aria-expanded) that opens and closes the list; Escape closes it
// and gives focus back to the button; a click outside or focus moving out closes it; while it is open, arrow,
// Home and End keys move between the links.
// The animation lives in site.css and is off under prefers-reduced-motion.

for (const nav of document.querySelectorAll("[data-menu]")) {
  const button = nav.querySelector(".menu-toggle");
  const list = nav.querySelector(".menu-list");
  if (!button || !list) continue;
  const links = () => [...list.querySelectorAll("a")];
  button.hidden = false;

  const open = (focusFirst) => {
    button.setAttribute("aria-expanded", "true");
    nav.classList.add("open");
    if (focusFirst) links()[0]?.focus();
  };
  const close = (returnFocus) => {
    button.setAttribute("aria-expanded", "false");
    nav.classList.remove("open");
    if (returnFocus) button.focus();
  };
  const isOpen = () => button.getAttribute("aria-expanded") === "true";

  button.addEventListener("click", () => (isOpen() ? close(false) : open(false)));
  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      open(true);
    }
  });
  nav.addEventListener("keydown", (event) => {
    // The button's own ArrowDown (which opened the menu and focused the first link) is not a move as well.
    if (!isOpen() || event.defaultPrevented) return;
    const items = links();
    const index = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (index >= 0 && (event.key === "ArrowDown" || event.key === "ArrowRight")) {
      event.preventDefault();
      items[(index + 1) % items.length].focus();
    } else if (index >= 0 && (event.key === "ArrowUp" || event.key === "ArrowLeft")) {
      event.preventDefault();
      items[(index - 1 + items.length) % items.length].focus();
    } else if (index >= 0 && event.key === "Home") {
      event.preventDefault();
      items[0].focus();
    } else if (index >= 0 && event.key === "End") {
      event.preventDefault();
      items[items.length - 1].focus();
    }
  });
  // Tabbing out of an open panel closes it, so it never covers the element that has focus.
  nav.addEventListener("focusout", (event) => {
    if (isOpen() && !nav.contains(event.relatedTarget)) close(false);
  });
  document.addEventListener("click", (event) => {
    if (isOpen() && !nav.contains(event.target)) close(false);
  });
}
