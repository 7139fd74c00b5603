// The header menu on phones and the drop-downs on wider screens, both opened by buttons that say
// whether they are open (aria-expanded). Loaded right after the header: without this script the
// menu stays a plain list of links (site-responsive.css shows the top level only on phones).
(function () {
  "use strict";
  var header = document.getElementById("site-header");
  var nav = document.getElementById("site-menu");
  if (!header || !nav) return;
  var menuButton = header.querySelector(".menu-button");
  var toggles = Array.prototype.slice.call(nav.querySelectorAll(".submenu-toggle"));
  var phone = window.matchMedia("(max-width: 760px)");

  document.documentElement.classList.add("menu-js");
  menuButton.hidden = false;
  toggles.forEach(function (toggle) {
    toggle.hidden = false;
  });

  function setSubmenu(toggle, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.parentNode.classList.toggle("open", open);
  }

  function closeSubmenus(except) {
    toggles.forEach(function (toggle) {
      if (toggle !== except) setSubmenu(toggle, false);
    });
  }

  function setMenu(open) {
    menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
    if (!open) closeSubmenus(null);
  }

  menuButton.addEventListener("click", function () {
    setMenu(menuButton.getAttribute("aria-expanded") !== "true");
  });

  toggles.forEach(function (toggle) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      // Wide screens show one drop-down at a time; on phones several sections may stay open.
      if (!phone.matches) closeSubmenus(toggle);
      setSubmenu(toggle, open);
    });
    // A drop-down closes when the keyboard focus leaves it (wide screens only).
    toggle.parentNode.addEventListener("focusout", function (event) {
      if (!phone.matches && !toggle.parentNode.contains(event.relatedTarget)) setSubmenu(toggle, false);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = toggles.filter(function (toggle) {
      return toggle.getAttribute("aria-expanded") === "true";
    });
    if (open.length) {
      var inside = open.filter(function (toggle) {
        return toggle.parentNode.contains(document.activeElement);
      })[0];
      closeSubmenus(null);
      if (inside) inside.focus();
    } else if (phone.matches && menuButton.getAttribute("aria-expanded") === "true") {
      setMenu(false);
      menuButton.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!phone.matches && !nav.contains(event.target)) closeSubmenus(null);
  });

  // Turning a tablet or widening the window starts from a closed menu.
  phone.addEventListener("change", function () {
    setMenu(false);
  });
})();
