/*
 * outfile.c - every file a command writes (-o, --html, --svg DIR,
 * --predictions): checked before the work starts and written all or none.
 *
 * A command registers its inputs (cli_outputs_input) and names its outputs
 * (cli_outputs_check, cli_outputs_check_dir) before it computes anything,
 * so a bad output name costs no time: an empty name is a usage error, and
 * so is an output that is one of the command's inputs (the same device and
 * inode, also through a symlink or a hard link) or the same file as
 * another output (exit 2). Then it stages each output's bytes
 * (cli_outputs_add) and commits them all (cli_outputs_commit).
 *
 * What a name points at decides how it is written:
 *  - a regular file, or a name that does not exist yet: symlinks are
 *    followed to their final target; the bytes go to a temporary file
 *    TARGET.tmp.XXXXXX beside that target, are fsync'ed, and the temporary
 *    file is renamed over the target at commit (then the directory is
 *    fsync'ed). An existing target keeps its mode and, where the process
 *    may set them, its owner and group; a new one gets 0666 less the umask.
 *    Readers see the old file or the complete new one, never a part.
 *  - "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: written to
 *    that descriptor as it is (a pipe, a terminal, a file opened for
 *    appending by the shell), at commit.
 *  - a device node, a FIFO or a socket (also through a symlink): opened for
 *    writing and written straight, at commit; never replaced by a file.
 *
 * All or none: staging writes every temporary file first; only when every
 * output is staged does commit write the streams and then rename the
 * temporary files into place. A failure before the renames (an output that
 * cannot be written, a stream that fails, the command's own later error)
 * removes every temporary file and every directory this command made, so
 * no target changes and the exit status (1) says so. A rename that fails
 * after others succeeded (the target was replaced by a directory meanwhile,
 * say) removes the files this command created; files it already replaced
 * stay replaced, and the message names them.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

/* Where a name leads. */
enum { T_FILE, T_FD, T_DEVICE };

/* Which file a name means: the file's device and inode when it exists,
 * else its directory's and its last component (a ledger that --record is
 * about to create, say). */
typedef struct {
	int exists;
	dev_t dev;
	ino_t ino;
	char *base;      /* !exists: the last component (malloc'ed) */
} file_id;

typedef struct {
	char *name;      /* as given */
	file_id id;
} in_file;

typedef struct {
	char *name;      /* as given, for messages */
	char *opt;       /* the option that named it ("-o", "--html", ...) */
	int kind;        /* T_* */
	char *target;    /* T_FILE: the final target (symlinks followed); T_DEVICE: the node */
	int fd;          /* T_FD: the descriptor */
	int exists;      /* T_FILE: the target existed when checked */
	struct stat st;  /* T_FILE and exists: the target */
	file_id id;      /* T_FILE: which file */
	char *tmp;       /* T_FILE: the staged temporary file */
	char *data;      /* T_FD, T_DEVICE: the staged bytes */
	size_t len;
	int staged, done;
} out_file;

struct cli_outputs {
	const char *cmd;
	in_file *in;
	size_t nin;
	out_file *out;
	size_t nout;
	char **dirs;     /* directories this command made (removed unless committed) */
	size_t ndirs;
	int committed;
};

static void *grow(void *p, size_t n, size_t size)
{
	return realloc(p, (n + 1) * size);
}

static char *dup_str(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	if (d)
		strcpy(d, s);
	return d;
}

static int oom(void)
{
	fprintf(stderr, "parley: out of memory\n");
	return EXIT_RUNTIME;
}

cli_outputs *cli_outputs_new(const char *cmd)
{
	cli_outputs *o = calloc(1, sizeof(*o));
	if (o)
		o->cmd = cmd;
	else
		oom();
	return o;
}

/* The descriptor a name stands for ("-", /dev/stdout, /dev/fd/N, ...), or -1. */
static int fd_name(const char *p)
{
	static const char *const dirs[] = { "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/" };
	size_t i;
	char *end;
	long n;

	if (!strcmp(p, "-") || !strcmp(p, "/dev/stdout"))
		return STDOUT_FILENO;
	if (!strcmp(p, "/dev/stderr"))
		return STDERR_FILENO;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		size_t n0 = strlen(dirs[i]);
		if (strncmp(p, dirs[i], n0) || p[n0] < '0' || p[n0] > '9')
			continue;
		errno = 0;
		n = strtol(p + n0, &end, 10);
		if (!*end && !errno && n <= INT_MAX)
			return (int)n;
	}
	return -1;
}

/* The directory part of `p` ("." when none): malloc'ed. */
static char *dir_of(const char *p)
{
	const char *slash = strrchr(p, '/');
	char *d;
	size_t n;

	if (!slash)
		return dup_str(".");
	n = slash == p ? 1 : (size_t)(slash - p);
	d = malloc(n + 1);
	if (d) {
		memcpy(d, p, n);
		d[n] = '\0';
	}
	return d;
}

/*
 * Follow `path` through symlinks to what it finally names: into *target
 * (malloc'ed) with *fd >= 0 for a descriptor name, else the final path,
 * with its lstat in *st and *exists. 0, or -1 with errno set.
 */
static int resolve(const char *path, char **target, int *fd, struct stat *st, int *exists)
{
	char *cur = dup_str(path), *link = NULL, *next;
	int hops;

	*target = NULL;
	*exists = 0;
	if (!cur)
		return errno = ENOMEM, -1;
	for (hops = 0;; hops++) {
		ssize_t n;
		size_t cap;
		if ((*fd = fd_name(cur)) >= 0)
			break;
		if (lstat(cur, st) != 0) {
			if (errno != ENOENT)
				goto fail;
			break;
		}
		if (!S_ISLNK(st->st_mode)) {
			*exists = 1;
			break;
		}
		if (hops == 40) {
			errno = ELOOP;
			goto fail;
		}
		for (cap = 256;; cap *= 2) {
			free(link);
			if (!(link = malloc(cap)))
				goto fail;
			if ((n = readlink(cur, link, cap)) < 0)
				goto fail;
			if ((size_t)n < cap)
				break;
		}
		link[n] = '\0';
		if (link[0] == '/') {
			next = link;
			link = NULL;
		} else {
			char *dir = dir_of(cur);
			if (!dir || !(next = malloc(strlen(dir) + strlen(link) + 2))) {
				free(dir);
				goto fail;
			}
			sprintf(next, "%s/%s", dir, link);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	free(link);
	*target = cur;
	return 0;
fail:
	free(link);
	free(cur);
	return -1;
}

/* The identity of the file `target` names (lstat in *st when it exists). 0,
 * or an errno value. */
static int identify(file_id *id, const char *target, int exists, const struct stat *st)
{
	struct stat dst;
	const char *slash;
	char *dir;
	int err;

	memset(id, 0, sizeof(*id));
	if (exists) {
		id->exists = 1;
		id->dev = st->st_dev;
		id->ino = st->st_ino;
		return 0;
	}
	if (!(dir = dir_of(target)))
		return ENOMEM;
	err = stat(dir, &dst) != 0 ? errno : !S_ISDIR(dst.st_mode) ? ENOTDIR : 0;
	free(dir);
	if (err)
		return err;
	slash = strrchr(target, '/');
	if (!(id->base = dup_str(slash ? slash + 1 : target)))
		return ENOMEM;
	id->dev = dst.st_dev;
	id->ino = dst.st_ino;
	return 0;
}

static int same_id(const file_id *a, const file_id *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
		(a->exists || !strcmp(a->base, b->base));
}

int cli_outputs_input(cli_outputs *o, const char *path)
{
	struct stat st;
	in_file *in;
	file_id id;
	char *target = NULL;
	int fd, exists;

	if (!path)
		return 0;
	if (!strcmp(path, "-")) {
		if (fstat(STDIN_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
		identify(&id, NULL, 1, &st);
	} else {
		/* a file that cannot be resolved is left to the reader to report;
		 * devices and pipes are not destroyed by writing to them */
		if (resolve(path, &target, &fd, &st, &exists) < 0 || fd >= 0 ||
		    (exists && !S_ISREG(st.st_mode)) || identify(&id, target, exists, &st) != 0) {
			free(target);
			return 0;
		}
		free(target);
	}
	in = grow(o->in, o->nin, sizeof(*o->in));
	if (in)
		o->in = in;
	if (!in || !(o->in[o->nin].name = dup_str(strcmp(path, "-") ? path : "<stdin>"))) {
		free(id.base);
		return oom();
	}
	o->in[o->nin++].id = id;
	return 0;
}

/* Whether two outputs name the same file (the second would replace the first). */
static int same_output(const out_file *a, const out_file *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind != T_FILE)
		return 0; /* written in turn to a descriptor or a device: nothing is replaced */
	return same_id(&a->id, &b->id);
}

/* Resolve and check one output; on success it is appended to o->out. */
static int add_output(cli_outputs *o, const char *opt, const char *path, size_t *index)
{
	out_file f, *grown;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.fd = -1;
	if (!*path)
		return cli_usage_error(o->cmd, "%s needs a file name (the name given is empty)", opt);
	if (resolve(path, &f.target, &f.fd, &f.st, &f.exists) < 0) {
		fprintf(stderr, "parley: cannot write '%s': %s\n", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	if (f.fd >= 0) {
		f.kind = T_FD;
		if (fcntl(f.fd, F_GETFL) < 0) {
			fprintf(stderr, "parley: cannot write '%s': %s\n", path, strerror(errno));
			free(f.target);
			return EXIT_RUNTIME;
		}
	} else if (f.exists && S_ISDIR(f.st.st_mode)) {
		fprintf(stderr, "parley: cannot write '%s': it is a directory\n", path);
		free(f.target);
		return EXIT_RUNTIME;
	} else if (f.exists && !S_ISREG(f.st.st_mode)) {
		f.kind = T_DEVICE;
	} else {
		int err;
		f.kind = T_FILE;
		/* a new file's directory must exist: say so before any work is done */
		if ((err = identify(&f.id, f.target, f.exists, &f.st)) != 0) {
			fprintf(stderr, "parley: cannot write '%s': %s\n", path, strerror(err));
			free(f.target);
			return EXIT_RUNTIME;
		}
		for (i = 0; i < o->nin; i++)
			if (same_id(&o->in[i].id, &f.id)) {
				free(f.target);
				free(f.id.base);
				return cli_usage_error(o->cmd, "refusing to write %s '%s': it is the input '%s' "
					"(the same file); name another output", opt, path, o->in[i].name);
			}
	}
	for (i = 0; i < o->nout; i++)
		if (same_output(&o->out[i], &f)) {
			free(f.target);
			free(f.id.base);
			return cli_usage_error(o->cmd, "%s '%s' and %s '%s' name the same output", o->out[i].opt,
				o->out[i].name, opt, path);
		}
	f.name = dup_str(path);
	f.opt = dup_str(opt);
	grown = grow(o->out, o->nout, sizeof(*o->out));
	if (!f.name || !f.opt || !grown) {
		free(f.name);
		free(f.opt);
		free(f.target);
		free(f.id.base);
		if (grown)
			o->out = grown;
		return oom();
	}
	o->out = grown;
	o->out[o->nout] = f;
	if (index)
		*index = o->nout;
	o->nout++;
	return 0;
}

int cli_outputs_check(cli_outputs *o, const char *opt, const char *path)
{
	return add_output(o, opt, path, NULL);
}

int cli_outputs_check_dir(cli_outputs *o, const char *opt, const char *dir)
{
	struct stat st;

	if (!*dir)
		return cli_usage_error(o->cmd, "%s needs a directory (the name given is empty)", opt);
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "parley: cannot create the directory '%s': %s\n", dir, strerror(ENOTDIR));
		return EXIT_RUNTIME;
	}
	return 0;
}

int cli_outputs_make_dir(cli_outputs *o, const char *dir)
{
	struct stat st;
	char **grown, *copy;

	if (mkdir(dir, 0777) != 0) {
		if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		if (errno == EEXIST)
			errno = ENOTDIR;
		fprintf(stderr, "parley: cannot create the directory '%s': %s\n", dir, strerror(errno));
		return EXIT_RUNTIME;
	}
	grown = grow(o->dirs, o->ndirs, sizeof(*o->dirs));
	copy = dup_str(dir);
	if (grown)
		o->dirs = grown;
	if (!grown || !copy) {
		free(copy);
		rmdir(dir);
		return oom();
	}
	o->dirs[o->ndirs++] = copy;
	return 0;
}

/* Write all of data to fd. 0 or -1 with errno. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (errno = EIO, -1);
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Stage a file output: its bytes in a fsync'ed temporary file beside the target. */
static int stage_file(out_file *f, const char *data, size_t len)
{
	size_t plen = strlen(f->target);
	int fd, err;

	f->tmp = malloc(plen + 12);
	if (!f->tmp)
		return oom();
	memcpy(f->tmp, f->target, plen);
	memcpy(f->tmp + plen, ".tmp.XXXXXX", 12);
	fd = mkstemp(f->tmp);
	if (fd < 0) {
		fprintf(stderr, "parley: cannot create a temporary file beside '%s': %s\n", f->name,
			strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		return EXIT_RUNTIME;
	}
	if (f->exists) {
		/* keep the replaced file's owner and group where allowed, then its mode
		 * (after chown, which may clear set-id bits) */
		if ((f->st.st_uid != geteuid() || f->st.st_gid != getegid()) &&
		    fchown(fd, f->st.st_uid, f->st.st_gid) != 0 && fchown(fd, (uid_t)-1, f->st.st_gid) != 0) {
			/* not permitted: the new file is ours */
		}
		err = fchmod(fd, f->st.st_mode & 07777);
	} else {
		/* mkstemp makes the file 0600; a report or result is meant to be shared */
		mode_t mask = umask(0);
		umask(mask);
		err = fchmod(fd, 0666 & ~mask);
	}
	if (err != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		fprintf(stderr, "parley: cannot write '%s': %s\n", f->tmp, strerror(errno));
		close(fd);
		unlink(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
		return EXIT_RUNTIME;
	}
	if (close(fd) != 0) {
		fprintf(stderr, "parley: cannot write '%s': %s\n", f->tmp, strerror(errno));
		unlink(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
		return EXIT_RUNTIME;
	}
	return 0;
}

int cli_outputs_add(cli_outputs *o, const char *opt, const char *path, const char *data, size_t len)
{
	out_file *f = NULL;
	size_t i;
	int rc;

	for (i = 0; i < o->nout && !f; i++)
		if (!o->out[i].staged && !strcmp(o->out[i].name, path) && !strcmp(o->out[i].opt, opt))
			f = &o->out[i];
	if (!f) {
		/* not checked before (a chart in an --svg directory): check it now */
		if ((rc = add_output(o, opt, path, &i)) != 0)
			return rc;
		f = &o->out[i];
	}
	if (!data)
		data = "";
	if (f->kind == T_FILE) {
		if ((rc = stage_file(f, data, len)) != 0)
			return rc;
	} else {
		f->data = malloc(len ? len : 1);
		if (!f->data)
			return oom();
		memcpy(f->data, data, len);
		f->len = len;
	}
	f->staged = 1;
	return 0;
}

/* fsync the directory holding `path` (after a rename into it); best effort. */
static void sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Undo what commit did before failing at output `failed`: remove the files
 * this command created; name those it replaced. */
static void undo(cli_outputs *o, size_t failed)
{
	size_t i, kept = 0;
	for (i = 0; i < failed; i++) {
		out_file *f = &o->out[i];
		if (f->kind != T_FILE || !f->done)
			continue;
		if (!f->exists)
			unlink(f->target);
		else
			fprintf(stderr, "%s'%s'", kept++ ? ", " : "parley: already replaced: ", f->name);
	}
	if (kept)
		fputc('\n', stderr);
}

int cli_outputs_commit(cli_outputs *o)
{
	size_t i;

	for (i = 0; i < o->nout; i++) {
		out_file *f = &o->out[i];
		int fd = f->fd, rc;
		if (!f->staged || f->kind == T_FILE)
			continue;
		if (f->kind == T_DEVICE && (fd = open(f->target, O_WRONLY | O_NOCTTY)) < 0) {
			fprintf(stderr, "parley: cannot write '%s': %s\n", f->name, strerror(errno));
			return EXIT_RUNTIME;
		}
		if (fd == STDOUT_FILENO)
			fflush(stdout);
		rc = write_all(fd, f->data, f->len);
		if (rc != 0)
			fprintf(stderr, "parley: cannot write %s: %s\n",
				fd == STDOUT_FILENO && f->kind == T_FD ? "to standard output" : f->name,
				strerror(errno));
		if (f->kind == T_DEVICE && close(fd) != 0 && rc == 0) {
			fprintf(stderr, "parley: cannot write '%s': %s\n", f->name, strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			return EXIT_RUNTIME;
	}
	for (i = 0; i < o->nout; i++) {
		out_file *f = &o->out[i];
		if (!f->staged || f->kind != T_FILE)
			continue;
		if (rename(f->tmp, f->target) != 0) {
			fprintf(stderr, "parley: cannot write '%s': %s\n", f->name, strerror(errno));
			undo(o, i);
			return EXIT_RUNTIME;
		}
		free(f->tmp);
		f->tmp = NULL;
		f->done = 1;
		sync_dir(f->target);
	}
	o->committed = 1;
	return 0;
}

void cli_outputs_free(cli_outputs *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nout; i++) {
		out_file *f = &o->out[i];
		if (f->tmp)
			unlink(f->tmp);
		free(f->tmp);
		free(f->name);
		free(f->opt);
		free(f->target);
		free(f->id.base);
		free(f->data);
	}
	for (i = o->ndirs; i-- > 0;) {
		if (!o->committed)
			rmdir(o->dirs[i]); /* fails, harmlessly, if something else is in it */
		free(o->dirs[i]);
	}
	for (i = 0; i < o->nin; i++) {
		free(o->in[i].name);
		free(o->in[i].id.base);
	}
	free(o->in);
	free(o->out);
	free(o->dirs);
	free(o);
}

int cli_write_output(cli_outputs *o, const char *opt, const char *path, const char *data, size_t len)
{
	int rc = cli_outputs_add(o, opt, path, data, len);
	return rc ? rc : cli_outputs_commit(o);
}
