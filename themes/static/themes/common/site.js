// 长者模式: large-font mode that persists across pages and visits (localStorage).
(function () {
    var KEY = "elder-mode";
    var root = document.documentElement;
    document.querySelectorAll("[data-elder-toggle]").forEach(function (button) {
        button.setAttribute("aria-pressed", root.classList.contains(KEY) ? "true" : "false");
        button.addEventListener("click", function () {
            var on = !root.classList.contains(KEY);
            root.classList.toggle(KEY, on);
            button.setAttribute("aria-pressed", on ? "true" : "false");
            try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) {}
        });
    });
})();

// 打印: buttons and the print view (event listeners, not inline handlers: the CSP forbids those).
(function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.addEventListener("click", function () { window.print(); });
    });
    if (document.body && document.body.hasAttribute("data-print-on-load")) {
        window.addEventListener("load", function () { window.print(); });
    }
})();
