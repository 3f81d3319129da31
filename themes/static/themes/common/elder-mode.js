// Apply 长者模式 before first paint so the page does not jump (loaded without defer).
try {
    if (localStorage.getItem("elder-mode") === "1") document.documentElement.classList.add("elder-mode");
} catch (e) {}
