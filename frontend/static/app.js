// Verbatim: small progressive enhancement. Pages work without it where a
// form can post; with it, edits go to the JSON API and uploads show
// per-file progress. No inline handlers: everything is wired here.
(function () {
  'use strict';

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // api sends JSON and resolves with the decoded body; it rejects with the
  // server's plain-words message.
  function api(method, url, body) {
    var opts = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (res) {
      if (res.status === 204) { return {}; }
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) { throw new Error(data.error || ('request failed (' + res.status + ')')); }
        return data;
      });
    });
  }

  function say(el, text, ok) {
    if (!el) { return; }
    el.textContent = text;
    el.classList.toggle('ok', !!ok);
    el.classList.toggle('err', ok === false);
  }

  function busy(form, on) {
    $$('button', form).forEach(function (b) { b.disabled = on; });
  }

  // onSubmit wires the forms matching sel, also those loaded later (a
  // theme's quotes), to fn(form) returning a promise.
  function onSubmit(sel, fn) {
    document.addEventListener('submit', function (e) {
      var form = e.target;
      if (!form.matches || !form.matches(sel)) { return; }
      e.preventDefault();
      var msg = $('.form-msg', form);
      busy(form, true);
      say(msg, 'Saving…');
      Promise.resolve().then(function () { return fn(form); }).then(function (text) {
        say(msg, text || 'Saved', true);
      }).catch(function (err) {
        say(msg, err.message, false);
      }).then(function () { busy(form, false); });
    });
  }

  function reload() { window.location.reload(); }

  // count writes "1 quote", "1,501 quotes" (like the templates' count).
  function count(n, noun) {
    return Number(n).toLocaleString('en-US') + ' ' + noun + (n === 1 ? '' : 's');
  }

  // Studies.
  onSubmit('#new-study', function (form) {
    return api('POST', '/api/v1/studies', { name: form.elements.name.value, redact: !!(form.elements.redact && form.elements.redact.checked) }).then(function (st) {
      window.location.href = '/studies/' + st.id;
    });
  });

  // Source view: switch a speaker's role.
  onSubmit('form.role-form', function (form) {
    var role = form.elements.role.value;
    var what = role === 'interviewer' ?
      'Mark ' + form.dataset.label + ' as the interviewer? Their words stop being buyer quotes.' :
      'Mark ' + form.dataset.label + ' as a buyer? Their words become quotes.';
    if (!window.confirm(what + ' The study is then re-analysed, which can take a minute; rings show again when it finishes.')) {
      return Promise.resolve('Not changed');
    }
    return api('PATCH', '/api/v1/participants/' + form.dataset.participant, { role: role })
      .then(function () { reload(); return 'Saved; re-analysing'; });
  });
  // While the study is re-analysed, reload the source once it is done.
  var reanalysing = $('#reanalysing');
  if (reanalysing) {
    (function tick() {
      api('GET', '/api/v1/studies/' + reanalysing.dataset.study + '/analysis').then(function (p) {
        if (!p.running) { reload(); return; }
        setTimeout(tick, 1500);
      }).catch(function () { setTimeout(tick, 3000); });
    })();
  }

  // Persona page.
  onSubmit('#persona-edit', function (form) {
    return api('PATCH', '/api/v1/personas/' + form.dataset.persona, {
      name: form.elements.name.value, notes: form.elements.notes.value
    }).then(function (p) {
      var h = $('#persona-name');
      if (h) { h.textContent = p.name; }
      document.title = p.name + ' · Verbatim';
      return 'Saved';
    });
  });
  var printBtn = $('#print');
  if (printBtn) { printBtn.addEventListener('click', function () { window.print(); }); }

  // Themes.
  onSubmit('form.rename-theme', function (form) {
    return api('PATCH', '/api/v1/themes/' + form.dataset.theme, { label: form.elements.label.value });
  });
  onSubmit('#merge', function (form) {
    var ids = $$('input.merge-check:checked').map(function (c) { return Number(c.value); });
    if (ids.length < 2) { throw new Error('Tick at least two themes to merge.'); }
    return api('POST', '/api/v1/themes/merge', { theme_ids: ids, label: form.elements.label.value })
      .then(function (t) { window.location.hash = 'theme-' + t.id; reload(); return 'Merged'; });
  });
  onSubmit('form.split-theme', function (form) {
    var row = form.closest('.theme-row');
    var ids = $$('input.split-check:checked', row).map(function (c) { return Number(c.value); });
    if (ids.length === 0) { throw new Error('Tick the quotes to split out first.'); }
    return api('POST', '/api/v1/themes/' + form.dataset.theme + '/split', { quote_ids: ids, label: form.elements.label.value })
      .then(function () { reload(); return 'Split'; });
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.pin-quote, button.hide-quote');
    if (!b) { return; }
    var body = b.classList.contains('pin-quote') ? { pinned: true } : { hidden: b.dataset.hidden !== 'true' };
    b.disabled = true;
    api('PATCH', '/api/v1/quotes/' + b.dataset.quote, body).then(function (q) {
      var li = b.closest('.tq');
      if (body.pinned) { b.textContent = 'Pinned'; }
      else {
        b.dataset.hidden = q.hidden ? 'true' : 'false';
        b.textContent = q.hidden ? 'Unhide' : 'Hide';
        if (li) {
          li.classList.toggle('tq-hidden', !!q.hidden);
          // A hidden quote cannot be pinned (the API refuses it).
          var pin = li.querySelector('button.pin-quote');
          if (pin) { pin.hidden = !!q.hidden; }
        }
      }
    }).catch(function (err) { window.alert(err.message); }).then(function () { b.disabled = false; });
  });
  document.addEventListener('change', function (e) {
    var sel = e.target.closest('select.ring-select');
    if (!sel) { return; }
    sel.disabled = true;
    api('PATCH', '/api/v1/quotes/' + sel.dataset.quote, { ring: sel.value })
      .catch(function (err) { window.alert(err.message); })
      .then(function () { sel.disabled = false; });
  });
  // A theme's quotes load when it is first opened.
  $$('details.theme-quotes[data-src]').forEach(function (d) {
    d.addEventListener('toggle', function () {
      if (!d.open || d.dataset.loaded) { return; }
      d.dataset.loaded = 'loading';
      var slot = $('.tq-slot', d);
      fetch(d.dataset.src, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } }).then(function (res) {
        if (!res.ok) { throw new Error('the quotes did not load (' + res.status + ')'); }
        return res.text();
      }).then(function (html) {
        slot.innerHTML = html;
        d.dataset.loaded = 'yes';
      }).catch(function (err) {
        delete d.dataset.loaded;
        say($('.tq-loading', slot), 'Sorry, ' + err.message + '. Close and open the theme to try again.', false);
      });
    });
  });

  // Search: copy a quote with its attribution.
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.copy-quote');
    if (!b) { return; }
    var text = b.dataset.copy;
    var done = function () {
      b.classList.add('copied');
      b.textContent = 'Copied';
      setTimeout(function () { b.classList.remove('copied'); b.textContent = 'Copy quote'; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  });
  function fallbackCopy(text) {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'visually-hidden';
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand('copy'); } catch (err) { /* nothing more to try */ }
    document.body.removeChild(ta);
  }

  // Admin.
  onSubmit('#create-user', function (form) {
    return api('POST', '/api/v1/users', {
      name: form.elements.name.value, role: form.elements.role.value, password: form.elements.password.value
    }).then(function () { reload(); return 'Added'; });
  });
  onSubmit('form.user-role-form', function (form) {
    return api('PATCH', '/api/v1/users/' + form.dataset.user, { role: form.elements.role.value });
  });
  onSubmit('form.user-password-form', function (form) {
    return api('PATCH', '/api/v1/users/' + form.dataset.user, { password: form.elements.password.value }).then(function () {
      form.elements.password.value = '';
      return 'Password set; their sessions ended';
    });
  });
  onSubmit('#change-password', function (form) {
    var el = form.elements;
    if (el.password.value !== el.again.value) { return Promise.reject(new Error('The two new passwords differ.')); }
    return api('POST', '/api/v1/me/password', { current: el.current.value, password: el.password.value }).then(function () {
      el.current.value = el.password.value = el.again.value = '';
      return 'Password changed';
    });
  });
  onSubmit('#create-token', function (form) {
    return api('POST', '/api/v1/tokens', {
      name: form.elements.name.value, user_id: Number(form.elements.user_id.value)
    }).then(function (t) {
      var box = $('#new-token');
      $('#new-token-value').textContent = t.token;
      box.hidden = false;
      return 'Created';
    });
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.delete-user');
    if (!b || !window.confirm('Delete the account ' + b.dataset.name + '? Their sessions and API tokens end; the audit log keeps their name.')) { return; }
    b.disabled = true;
    api('DELETE', '/api/v1/users/' + b.dataset.user).then(reload, function (err) {
      window.alert(err.message);
      b.disabled = false;
    });
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.revoke-token');
    if (!b || !window.confirm('Revoke this token? Scripts using it will stop working.')) { return; }
    b.disabled = true;
    api('DELETE', '/api/v1/tokens/' + b.dataset.token).then(reload, function (err) {
      window.alert(err.message);
      b.disabled = false;
    });
  });

  // Search filters fold behind a button on phones, so the results are the
  // first thing below the search box. Wide screens never see the button.
  var facets = $('aside.facets');
  if (facets && $('.facet-group', facets)) {
    var active = $$('.facet-active', facets).length;
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'btn btn-small facets-toggle';
    facets.id = facets.id || 'search-filters';
    toggle.setAttribute('aria-controls', facets.id);
    var label = function (open) {
      toggle.textContent = (open ? 'Hide filters' : 'Filters') + (active ? ' (' + active + ' on)' : '');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      facets.classList.toggle('folded', !open);
    };
    label(false);
    toggle.addEventListener('click', function () { label(facets.classList.contains('folded')); });
    facets.insertBefore(toggle, facets.firstChild);
  }

  // Upload: one request per file, with progress, then follow the analysis.
  var uploadForm = $('#upload');
  if (uploadForm) { initUpload(uploadForm); }

  function initUpload(form) {
    var study = form.dataset.study;
    var input = $('#files');
    var zone = $('#dropzone');
    var list = $('#upload-results');
    var status = $('#analysis-status');
    var pending = 0, anyOK = false, polling = false;

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      queue(input.files);
      input.value = '';
    });
    input.addEventListener('change', function () { queue(input.files); input.value = ''; });
    ['dragenter', 'dragover'].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('dragover'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove('dragover'); });
    });
    zone.addEventListener('drop', function (e) {
      if (e.dataTransfer && e.dataTransfer.files) { queue(e.dataTransfer.files); }
    });
    if (status && status.dataset.stage && status.dataset.stage !== 'done' && status.dataset.stage !== 'failed') { poll(); }

    var waiting = [], active = 0, limit = 2;
    function queue(files) {
      var none = $('.no-results');
      if (none) { none.remove(); }
      Array.prototype.forEach.call(files || [], function (f) { waiting.push({ file: f, li: item(f) }); });
      pump();
    }
    function pump() {
      while (active < limit && waiting.length) {
        var job = waiting.shift();
        active++;
        pending++;
        send(job.file, job.li);
      }
    }
    function item(f) {
      $$('li', list).forEach(function (li) { if (li.dataset.file === f.name) { li.remove(); } });
      var li = document.createElement('li');
      li.className = 'upload-item';
      li.dataset.file = f.name;
      li.dataset.status = 'uploading';
      li.innerHTML = '<span class="file-name"></span><span class="file-status">Waiting…</span><progress max="100" value="0"></progress>';
      $('.file-name', li).textContent = f.name;
      list.appendChild(li);
      return li;
    }
    function send(file, li) {
      var xhr = new XMLHttpRequest();
      var bar = $('progress', li);
      var st = $('.file-status', li);
      var fd = new FormData();
      var force = $('#force');
      if (force && force.checked) { fd.append('force', '1'); }
      $$('.upload-meta').forEach(function (el) { if (el.value) { fd.append(el.name, el.value); } });
      fd.append('files', file, file.name);
      xhr.open('POST', '/api/v1/studies/' + study + '/sources');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(e.loaded / e.total * 100);
          st.textContent = e.loaded < e.total ? 'Uploading ' + bar.value + '%' : 'Reading the file…';
        }
      });
      xhr.addEventListener('load', function () {
        var data = {};
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = {}; }
        if (xhr.status === 200 && data.files && data.files.length) {
          show(li, data.files[0]);
        } else {
          var msg = data.error || ('upload failed (' + xhr.status + ')');
          if (xhr.status === 413) { msg = 'This file is too large to upload.'; }
          show(li, { status: 'error', error: msg });
        }
        finish();
      });
      xhr.addEventListener('error', function () {
        show(li, { status: 'error', error: 'The upload was interrupted: check the connection and try again.' });
        finish();
      });
      xhr.send(fd);
    }
    function show(li, r) {
      li.dataset.status = r.status;
      var bar = $('progress', li);
      if (bar) { bar.remove(); }
      var st = $('.file-status', li);
      if (r.status === 'ok') {
        anyOK = true;
        st.textContent = 'Imported' + (r.format ? ' as ' + r.format : '') + ', ' + count(r.quotes, 'quote');
      } else if (r.status === 'duplicate') {
        st.textContent = 'Already in this study';
      } else if (r.status === 'skipped') {
        st.textContent = 'Skipped: not a transcript';
      } else {
        st.textContent = 'Not imported';
      }
      var msg = r.error || (r.reason ? r.reason + '; tick "Take in files that look like no transcript" to import it anyway' : '') || (r.warnings && r.warnings.length ? r.warnings.join('; ') : '');
      if (msg) {
        var err = document.createElement('span');
        err.className = 'file-error';
        err.textContent = msg;
        li.appendChild(err);
      }
      if (r.source_id) {
        var a = document.createElement('a');
        a.className = 'source-link';
        a.href = '/sources/' + r.source_id;
        a.textContent = 'Open source';
        li.appendChild(a);
      }
    }
    function finish() {
      active--;
      pending--;
      pump();
      if (pending === 0 && waiting.length === 0 && anyOK) { anyOK = false; poll(); }
    }
    function poll() {
      if (polling) { return; }
      polling = true;
      status.hidden = false;
      var label = $('.analysis-stage', status);
      var bar = $('.analysis-progress', status);
      (function tick() {
        api('GET', '/api/v1/studies/' + study + '/analysis').then(function (p) {
          var stage = p.stage || 'idle';
          if (!p.running && stage === 'idle') { stage = 'done'; }
          status.dataset.stage = stage;
          label.textContent = stage === 'done' ? 'done — personas and themes are up to date' :
            stage === 'failed' ? 'failed: ' + (p.error || 'see the server log') : stage + '…';
          if (p.total > 0) { bar.value = Math.round(p.done / p.total * 100); } else { bar.removeAttribute('value'); }
          if (stage === 'done' || stage === 'failed') { polling = false; return; }
          setTimeout(tick, 700);
        }).catch(function () { setTimeout(tick, 2000); });
      })();
    }
  }
})();
