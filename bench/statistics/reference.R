# The R side of the statistics benchmark: lm (OLS, with HC1 standard errors computed from the
# residuals) and quantreg's rq at tau = 0.1, by Frisch-Newton ("fn") and by Portnoy-Koenker
# preprocessing ("pfn"), on the files generate.py wrote. Each regression runs twice, as on the
# other sides. Prints "impl,n,operation,seconds,peak_rss_mib,value" lines; value is the quantile
# fits' check loss (the optimum, compared across implementations) and the OLS slope.
# Usage: Rscript reference.R DATA_DIR
suppressPackageStartupMessages(library(quantreg))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
read <- function(name) {
  path <- file.path(dir, paste0(name, ".f64"))
  readBin(path, what = "double", n = file.info(path)$size / 8, size = 8, endian = "little")
}
y <- read("log10_inv_error")
compute <- read("log10_compute")
year <- read("year")
n <- length(y)
peak <- function() {
  status <- readLines("/proc/self/status")
  as.numeric(gsub("[^0-9]", "", status[grepl("^VmHWM:", status)])) / 1024
}
report <- function(op, seconds, value) {
  cat(sprintf("R,%d,%s,%.3f,%.0f,%.9g\n", n, op, seconds, peak(), value))
}
check <- function(residuals, tau) sum(residuals * (tau - (residuals < 0)))
X <- cbind(1, compute, year)
for (call in 1:2) {
  t <- proc.time()[["elapsed"]]
  fit <- lm(y ~ compute + year)
  e <- residuals(fit)
  bread <- solve(crossprod(X))
  meat <- crossprod(X * e)
  hc1 <- sqrt(diag(bread %*% meat %*% bread) * n / (n - ncol(X)))
  s <- summary(fit)
  invisible(list(coef(s), hc1, s$r.squared, confint(fit)))
  report(sprintf("ols+hc1 lm (call %d)", call), proc.time()[["elapsed"]] - t, coef(fit)[["compute"]])
  for (method in c("fn", "pfn")) {
    t <- proc.time()[["elapsed"]]
    q <- rq(y ~ compute + year, tau = 0.1, method = method)
    seconds <- proc.time()[["elapsed"]] - t
    # rq's pfn fit carries no residuals: the check loss is taken from the coefficients, for every method alike.
    report(sprintf("quantile tau=0.1 rq %s (call %d)", method, call), seconds, check(y - X %*% coef(q), 0.1))
  }
}
