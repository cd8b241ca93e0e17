window.toolLoaded = (window.toolLoaded || 0) + 1
//# sourceMappingURL=tool.js.map
