// 依申请公开 forms. Everything here is an enhancement: the forms work without JavaScript.
(function () {
    // Application form: show only the chosen applicant type's section (the server requires
    // only that type's fields either way). A hidden section is also disabled, so its inputs
    // are neither focusable nor submitted.
    document.querySelectorAll("form[data-applicant-form]").forEach(function (form) {
        var radios = form.querySelectorAll("input[name=applicant_kind]");
        function update() {
            var chosen = form.querySelector("input[name=applicant_kind]:checked");
            form.querySelectorAll("[data-applicant]").forEach(function (group) {
                var off = chosen !== null && group.getAttribute("data-applicant") !== chosen.value;
                group.hidden = off;
                group.disabled = off;
            });
        }
        radios.forEach(function (radio) { radio.addEventListener("change", update); });
        update();
    });

    // One submission per click: a second click would only show the same receipt again.
    document.querySelectorAll("form [data-once]").forEach(function (button) {
        button.form.addEventListener("submit", function () {
            setTimeout(function () { button.disabled = true; button.textContent = "正在提交……"; }, 0);
        });
    });

    // Deadline calculator: "增加一个不计入期间" adds a row in place instead of reloading.
    document.querySelectorAll("[data-pause-rows]").forEach(function (list) {
        var add = document.querySelector("[data-add-pause]");
        if (!add) return;
        add.addEventListener("click", function (event) {
            var rows = list.querySelectorAll("[data-pause-row]");
            var last = rows[rows.length - 1];
            var copy = last.cloneNode(true);
            var number = rows.length + 1;
            copy.querySelectorAll("input").forEach(function (input) {
                input.value = "";
                input.id = input.id.replace(/\d+$/, number);
            });
            copy.querySelectorAll("label").forEach(function (label) {
                label.htmlFor = label.htmlFor.replace(/\d+$/, number);
                label.textContent = label.textContent.replace(/\d+/, number);
            });
            copy.querySelectorAll(".form-error").forEach(function (error) { error.remove(); });
            list.appendChild(copy);
            copy.querySelector("input").focus();
            event.preventDefault();
        });
    });
})();
