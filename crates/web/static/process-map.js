// Sikerja's script of the business-process map pages (issue 17): starts bpmn-js (vendored,
// static/vendor/bpmn-js) on #peta-diagram (viewer, marks a diff's added and changed elements
// and the lanes whose post is vacant, PRO-01)
// and #peta-editor (modeler: on saving, the XML is put into the form's file input and the form
// is posted, so the server checks it like an uploaded file). No inline script: the pages' CSP
// allows only scripts with the response's nonce.
(function () {
  'use strict';

  function ids(value) {
    return (value || '').split(',').filter(function (s) { return s.length > 0; });
  }

  function load(instance, box) {
    return fetch(box.getAttribute('data-xml'), { credentials: 'same-origin' })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.text();
      })
      .then(function (xml) { return instance.importXML(xml); })
      .then(function () {
        instance.get('canvas').zoom('fit-viewport');
        box.setAttribute('data-loaded', 'true');
      })
      .catch(function (err) {
        box.setAttribute('data-loaded', 'error');
        box.textContent = 'Diagram tidak dapat ditampilkan: ' + err.message;
      });
  }

  function viewer(box) {
    var v = new window.BpmnJS({ container: box });
    load(v, box).then(function () {
      var canvas = v.get('canvas');
      var registry = v.get('elementRegistry');
      [['data-added', 'diff-added'], ['data-changed', 'diff-changed'], ['data-vacant', 'lane-vacant']].forEach(function (pair) {
        ids(box.getAttribute(pair[0])).forEach(function (id) {
          if (registry.get(id)) { canvas.addMarker(id, pair[1]); }
        });
      });
    });
  }

  function editor(box) {
    var m = new window.BpmnJS({ container: box });
    // The modeler on its container, for scripts that drive it (the browser test adds a task
    // through its modeling API, issue 17 point 5).
    box.bpmnModeler = m;
    load(m, box);
    var form = document.getElementById('form-simpan-peta');
    var message = document.getElementById('pesan-penyunting');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      m.saveXML({ format: true }).then(function (result) {
        var file = new File([result.xml], 'peta.bpmn', { type: 'application/xml' });
        var transfer = new DataTransfer();
        transfer.items.add(file);
        form.querySelector('input[name="berkas"]').files = transfer.files;
        form.submit();
      }).catch(function (err) {
        message.textContent = 'Peta tidak dapat disimpan: ' + err.message;
      });
    });
  }

  function start() {
    if (!window.BpmnJS) { return; }
    var view = document.getElementById('peta-diagram');
    if (view) { viewer(view); }
    var edit = document.getElementById('peta-editor');
    if (edit) { editor(edit); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
