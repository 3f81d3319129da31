(function () {
    var form = document.getElementById("ysqgk-calculator"), out = document.getElementById("ysqgk-result");
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = new URLSearchParams();
        params.append("received", form.received.value);
        form.pause.value.split(/[,，]/).map(function (s) { return s.trim(); }).filter(Boolean)
            .forEach(function (p) { params.append("pause", p); });
        if (form.extension.checked) params.append("extension", "1");
        fetch(form.action + "?" + params.toString()).then(function (r) { return r.json(); }).then(function (data) {
            out.textContent = "";
            if (!data.due) { var p = document.createElement("p"); p.className = "ysqgk-error"; p.textContent = data.detail || "无法计算"; out.appendChild(p); return; }
            var h = document.createElement("p"); h.innerHTML = "答复期限：<strong></strong>（" + data.working_days + "个工作日）";
            h.querySelector("strong").textContent = data.due; out.appendChild(h);
            var table = document.createElement("table"); table.innerHTML = "<thead><tr><th>日期</th><th>计入</th><th>说明</th></tr></thead>";
            var body = document.createElement("tbody");
            data.days.forEach(function (d) {
                var tr = document.createElement("tr");
                [d.date, d.counted ? "第" + d.number + "个工作日" : "不计", d.reason].forEach(function (t) { var td = document.createElement("td"); td.textContent = t; tr.appendChild(td); });
                body.appendChild(tr);
            });
            table.appendChild(body); out.appendChild(table);
        });
    });
})();
