// 长者模式: large-font mode that persists across pages and visits (localStorage). The button is
// a toggle (aria-pressed) and shows its state in words, so it can be switched off as easily.
(function () {
    var KEY = "elder-mode";
    var root = document.documentElement;
    document.querySelectorAll("[data-elder-toggle]").forEach(function (button) {
        var state = button.querySelector("[data-elder-state]");
        function show(on) {
            button.setAttribute("aria-pressed", on ? "true" : "false");
            button.title = on ? "已开启长者模式，点击关闭" : "点击开启长者模式（大字号）";
            if (state) state.textContent = on ? "：开" : "：关";
        }
        show(root.classList.contains(KEY));
        button.addEventListener("click", function () {
            var on = !root.classList.contains(KEY);
            root.classList.toggle(KEY, on);
            show(on);
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
