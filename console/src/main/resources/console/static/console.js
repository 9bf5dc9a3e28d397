// The console's only script of its own: CSRF on htmx requests, and charts drawn from data in the page.
(function () {
  'use strict';
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  document.body.addEventListener('htmx:configRequest', function (event) {
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  function draw(root) {
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      canvas.dataset.drawn = 'true';
      var spec = JSON.parse(canvas.dataset.chart);
      // eslint-disable-next-line no-undef
      new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.values,
          backgroundColor: spec.colors || '#1f5fa8', borderColor: '#1f5fa8', fill: false, tension: 0, stepped: spec.stepped || false }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
      });
    });
  }
  draw(document);
  document.body.addEventListener('htmx:afterSwap', function (event) { draw(event.target); });
})();
