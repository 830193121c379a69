/*
 * Custos cookie banner (Apache-2.0). The GOV.UK cookie banner pattern, configured by the JSON in
 * <script type="application/json" id="custos-cookie-config"> that Custos builds from the privacy
 * manifest. Nothing non-essential runs or is stored before the visitor agrees: scripts marked
 * <script type="text/plain" data-custos-category="analytics"> start only once their category is
 * allowed. Global Privacy Control, where the landlord honours it, counts as refusing everything,
 * without a banner. Each choice is kept in the essential consent cookie and posted to be logged.
 */
(function () {
  'use strict';
  var source = document.getElementById('custos-cookie-config');
  if (!source) return;
  var cfg = JSON.parse(source.textContent);
  var t = cfg.text;
  var cats = cfg.categories;
  var gpc = cfg.honourGpc && (cfg.gpc || navigator.globalPrivacyControl === true);
  var banner;

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs[k] !== null) e.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (c) {
      e.append(c);
    });
    return e;
  }

  function read() {
    var name = cfg.consentCookie.name + '=';
    var part = document.cookie.split('; ').find(function (p) {
      return p.indexOf(name) === 0;
    });
    try {
      return part ? JSON.parse(decodeURIComponent(part.slice(name.length))) : null;
    } catch {
      return null;
    }
  }

  function decided(s) {
    return (
      s &&
      cats.every(function (c) {
        return c.id in s.c;
      })
    );
  }

  function allowed(id) {
    var s = read();
    return !!(s && s.c[id] === 1);
  }

  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.from(b, function (x) {
      return (x + 256).toString(16).slice(1);
    }).join('');
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
  }

  // Start the scripts of allowed categories, once each.
  function activate() {
    document.querySelectorAll('script[type="text/plain"][data-custos-category]').forEach(function (s) {
      if (!allowed(s.getAttribute('data-custos-category'))) return;
      var run = document.createElement('script');
      for (var i = 0; i < s.attributes.length; i++)
        if (s.attributes[i].name !== 'type') run.setAttribute(s.attributes[i].name, s.attributes[i].value);
      run.text = s.text;
      s.replaceWith(run);
    });
  }

  // Delete a refused category's cookies, on this host and on its parent domains.
  function clear(cat) {
    var host = location.hostname.split('.');
    document.cookie.split('; ').forEach(function (p) {
      var name = p.split('=')[0];
      var hit = cat.clear.some(function (c) {
        return c.slice(-1) === '*' ? name.indexOf(c.slice(0, -1)) === 0 : name === c;
      });
      if (!hit) return;
      var domains = [''];
      for (var i = 0; i < host.length - 1; i++) domains.push('; domain=.' + host.slice(i).join('.'));
      domains.forEach(function (d) {
        document.cookie = name + '=; path=/; max-age=0' + d;
      });
    });
  }

  function save(choice, method) {
    var prev = read();
    var id = prev && prev.id ? prev.id : uuid();
    var c = {};
    var accepted = [];
    var rejected = [];
    cats.forEach(function (cat) {
      c[cat.id] = choice[cat.id] ? 1 : 0;
      (choice[cat.id] ? accepted : rejected).push(cat.id);
      if (!choice[cat.id]) clear(cat);
    });
    var age = cfg.consentCookie.maxAgeSeconds;
    document.cookie =
      cfg.consentCookie.name +
      '=' +
      encodeURIComponent(JSON.stringify({ id: id, v: cfg.noticeVersion, c: c, g: gpc ? 1 : 0 })) +
      '; path=/; SameSite=Lax' +
      (age ? '; max-age=' + age : '') +
      (location.protocol === 'https:' ? '; Secure' : '');
    activate();
    fetch(cfg.logUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      keepalive: true,
      body: JSON.stringify({
        consentId: id,
        accepted: accepted,
        rejected: rejected,
        method: method,
        gpc: gpc,
        noticeVersion: cfg.noticeVersion,
      }),
    }).catch(function () {});
    document.dispatchEvent(new CustomEvent('custos:cookie-consent', { detail: c }));
  }

  function all(value) {
    var choice = {};
    cats.forEach(function (c) {
      choice[c.id] = value;
    });
    return choice;
  }

  function changeText(prefix) {
    return [
      prefix + ' You can ',
      el('a', { class: 'custos-cb__link', href: cfg.cookiesUrl }, [t.changeLink]),
      ' at any time.',
    ];
  }

  function showBanner() {
    var done = el('div', { class: 'custos-cb__msg', role: 'alert', tabindex: '-1', hidden: '' });
    var hide = el('button', { type: 'button', class: 'custos-cb__btn' }, [t.hide]);
    var ask = el('div', { class: 'custos-cb__msg' }, [
      el('h2', { class: 'custos-cb__h' }, [t.heading]),
      el('p', {}, [t.essential]),
      el('p', {}, [t.ask]),
    ]);
    var buttons = el('div', { class: 'custos-cb__btns' });
    [
      ['accept', true],
      ['reject', false],
    ].forEach(function (b) {
      var btn = el('button', { type: 'button', class: 'custos-cb__btn', 'data-choice': b[0] }, [t[b[0]]]);
      btn.addEventListener('click', function () {
        save(all(b[1]), b[1] ? 'accept-all' : 'reject-all');
        done.prepend(el('p', {}, changeText(b[1] ? t.accepted : t.rejected)));
        ask.hidden = true;
        done.hidden = false;
        done.focus();
      });
      buttons.append(btn);
    });
    buttons.append(el('a', { class: 'custos-cb__link', href: cfg.cookiesUrl }, [t.view]));
    ask.append(buttons);
    done.append(el('div', { class: 'custos-cb__btns' }, [hide]));
    hide.addEventListener('click', function () {
      banner.hidden = true;
    });
    banner = el('div', { class: 'custos-cb', role: 'region', 'aria-label': t.region }, [ask, done]);
    document.body.prepend(banner);
  }

  // The settings form, where the page asks for it with <div data-custos-cookie-settings>.
  function showSettings(place) {
    if (!cats.length) return place.append(el('p', {}, [t.essentialOnly]));
    var s = read();
    var saved = el('div', { class: 'custos-cs__saved', role: 'alert', tabindex: '-1', hidden: '' }, [
      t.saved,
    ]);
    var form = el('form', { class: 'custos-cs', novalidate: '' }, [saved]);
    if (gpc) form.append(el('p', { class: 'custos-cs__note' }, [t.gpcNote]));
    cats.forEach(function (cat) {
      var on = !!(s && s.c[cat.id] === 1);
      var radios = [
        ['yes', on],
        ['no', !on],
      ].map(function (r) {
        var id = 'custos-' + cat.id + '-' + r[0];
        var input = el('input', { type: 'radio', id: id, name: 'custos-' + cat.id, value: r[0] });
        input.checked = r[1];
        return el('div', { class: 'custos-cs__radio' }, [input, el('label', { for: id }, [t[r[0]]])]);
      });
      var names = cat.rows.map(function (row) {
        return row[0];
      });
      form.append(
        el(
          'fieldset',
          { class: 'custos-cs__set' },
          [
            el('legend', {}, [t.use.replace('{name}', cat.name)]),
            el('p', {}, [cat.description + ' (' + names.join(', ') + ')']),
          ].concat(radios),
        ),
      );
    });
    form.append(el('button', { type: 'submit', class: 'custos-cb__btn' }, [t.save]));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var choice = {};
      cats.forEach(function (cat) {
        choice[cat.id] = form.elements['custos-' + cat.id].value === 'yes';
      });
      save(choice, 'settings');
      if (banner) banner.hidden = true;
      saved.hidden = false;
      saved.focus();
    });
    place.append(el('h2', { class: 'custos-cs__h' }, [t.settingsHeading]), form);
  }

  function start() {
    var s = read();
    // A choice made before the browser sent GPC gives way to it; one made with GPC on stands.
    if (cats.length) {
      if (decided(s) && !(gpc && !s.g)) activate();
      else if (gpc) save(all(false), 'gpc');
      else showBanner();
    }
    var place = document.querySelector('[data-custos-cookie-settings]');
    if (place) showSettings(place);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
