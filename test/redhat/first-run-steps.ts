/**
 * The calls site.yml must make on a fresh CentOS 7 host, in order (issue 4): EPEL, the build
 * tools, the source-RPM rebuild with the RTMP module, the iptables-services firewall, the
 * SELinux labels, nginx checked and started, then the two handlers. Other calls may come
 * between them; these must all appear, in this order.
 */
import type { Step } from './stub-calls.js';

const rpmDir = '/root/rpmbuild';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export const firstRunSteps: Step[] = [
  { what: 'base installs epel-release', call: /^yum -y install epel-release$/ },
  { what: 'base installs semanage (policycoreutils-python)', call: /^yum -y install (?:\S+ )*policycoreutils-python\b/ },
  { what: 'firewall installs iptables-services', call: /^yum -y install (?:\S+ )*iptables-services\b/ },
  { what: 'firewall stops firewalld', call: /^systemctl stop firewalld$/ },
  { what: 'firewall checks the rules with iptables-restore --test', call: /^iptables-restore (?:--test|-t) \S+$/ },
  { what: 'firewall enables iptables at boot', call: /^systemctl enable iptables$/ },
  { what: 'the build tools yum-utils, rpm-build, wget, gcc are installed', call: /^yum -y install (?=.*\byum-utils\b)(?=.*\brpm-build\b)(?=.*\bwget\b)(?=.*\bgcc\b)/ },
  { what: "nginx's build dependencies (yum-builddep nginx)", call: /^yum-builddep (?:-y )?nginx$/ },
  { what: 'the mockbuild user', call: /^useradd (?:.* )?mockbuild$/ },
  { what: "nginx's source RPM downloaded", call: new RegExp(`^yumdownloader --source --destdir ${esc(`${rpmDir}/SRPMS`)} nginx$`) },
  { what: 'the source RPM installed into the rpmbuild tree', call: new RegExp(`^rpm -i\\S* ${esc(`${rpmDir}/SRPMS/nginx-1.20.1-10.el7.src.rpm`)}$`) },
  { what: 'the RTMP module fetched (dev branch of the fork)', call: /^(?:curl|wget) .*https:\/\/github\.com\/sergey-dryabzhinsky\/nginx-rtmp-module\/archive\/refs\/heads\/dev\.tar\.gz$/ },
  { what: 'rpmbuild -bb of nginx-rtmp.spec', call: new RegExp(`^rpmbuild -bb ${esc(`${rpmDir}/SPECS/nginx-rtmp.spec`)}$`) },
  { what: 'the built RPMs installed with --force', call: new RegExp(`^rpm(?=.* --force)(?=.* -[A-Za-z]*[Ui])(?=.* ${esc(`${rpmDir}/RPMS/x86_64/nginx-1.20.1-10.el7.x86_64.rpm`)})`) },
  { what: 'the HLS directory gets its file-context rule', call: /^semanage fcontext -a -t httpd_sys_rw_content_t \/var\/www\/live\(\/\.\*\)\?$/ },
  { what: 'restorecon applies it', call: /^restorecon (?:-\S+ )*\/var\/www\/live$/ },
  { what: 'the rtmp port is labelled http_port_t', call: /^semanage port -a -t http_port_t -p tcp 1935$/ },
  { what: 'nginx.conf is checked with nginx -t', call: /^nginx -t -c \S+$/ },
  { what: 'nginx is started', call: /^systemctl start nginx$/ },
  { what: 'handler: restart iptables', call: /^systemctl restart iptables$/ },
  { what: 'handler: restart nginx', call: /^systemctl restart nginx$/ },
];
