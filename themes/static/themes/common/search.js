// Search-box suggestions: fill the <datalist> from /search/suggest/ as the user types.
(function () {
    var input = document.querySelector("[data-suggest-url]");
    if (!input) return;
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
        clearTimeout(timer);
        var value = input.value.trim();
        if (!value) return;
        timer = setTimeout(function () {
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(value))
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    list.replaceChildren.apply(list, data.suggestions.map(function (text) {
                        var option = document.createElement("option");
                        option.value = text;
                        return option;
                    }));
                })
                .catch(function () {});
        }, 200);
    });
})();
