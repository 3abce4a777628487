#!/bin/sh
# Shared by container/Dockerfile (EL 9) and container/Dockerfile.debian (Debian 12): everything
# about the runtime user, directories and permissions, run as root once the packages are in.
# Only the package layer differs between the flavours; this script keeps the rest identical.
set -eu

FPM_APP_UID="${FPM_APP_UID:-1000}"
FPM_APP_GID="${FPM_APP_GID:-1000}"

# The runtime user. No login shell, home in the application directory.
if ! getent group fpm-app >/dev/null; then
    groupadd --gid "$FPM_APP_GID" fpm-app
fi
if ! getent passwd fpm-app >/dev/null; then
    useradd --uid "$FPM_APP_UID" --gid fpm-app --home-dir /var/www/html/app \
        --no-create-home --shell /sbin/nologin --comment "php-container runtime user" fpm-app
fi

# Same command name on both flavours: Debian installs php-fpm8.2 only.
if [ ! -e /usr/sbin/php-fpm ]; then
    fpm="$(ls /usr/sbin/php-fpm[0-9]* 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$fpm" ] || { echo "setup-runtime: no php-fpm binary in /usr/sbin" >&2; exit 1; }
    ln -s "$(basename "$fpm")" /usr/sbin/php-fpm
fi

# Where the runtime user writes: sockets, pid files, nginx's temp files, the init's control socket.
for d in /run/php-fpm /run/nginx /run/container-init /var/lib/nginx /var/lib/nginx/tmp; do
    install -d -o fpm-app -g fpm-app -m 0750 "$d"
done
for d in client_body proxy fastcgi uwsgi scgi; do
    install -d -o fpm-app -g fpm-app -m 0700 "/var/lib/nginx/tmp/$d"
done
# Package log directories are unused (everything goes to stdout/stderr); keep them harmless.
for d in /var/log/nginx /var/log/php-fpm; do
    if [ -d "$d" ]; then chown fpm-app:fpm-app "$d"; fi
done

# The application. Code is installed by derived images, root-owned so that the runtime user
# cannot change it; only var/ (Symfony's cache and logs) is writable by fpm-app.
install -d -o root -g root -m 0755 /var/www /var/www/html /var/www/html/app /var/www/html/app/public
install -d -o fpm-app -g fpm-app -m 0755 /var/www/html/app/var

# Config of container-init and the startup scripts: root-owned, not writable by fpm-app.
install -d -o root -g root -m 0755 /etc/container-init /etc/container-init/conf.d \
    /usr/libexec/php-container /usr/libexec/php-container/startup.d
chmod 0644 /etc/container-init/init.toml /etc/nginx/nginx.conf /etc/php-fpm.conf /etc/php-fpm.d/www.conf
if [ -e /usr/sbin/container-init ]; then chmod 0755 /usr/sbin/container-init; fi

# The package's own sites and php snippets would clash with nginx.conf (EL's php-fpm ships an
# upstream and a location; Debian's nginx a default site that nginx.conf does not include).
rm -f /etc/nginx/conf.d/php-fpm.conf /etc/nginx/default.d/php.conf
install -d -m 0755 /etc/nginx/conf.d /etc/nginx/default.d
