document.querySelectorAll("form.ysqgk-form").forEach(function (form) {
    form.addEventListener("submit", function () {
        var button = form.querySelector("[data-once]");
        setTimeout(function () { button.disabled = true; button.textContent = "正在提交……"; }, 0);
    });
});
