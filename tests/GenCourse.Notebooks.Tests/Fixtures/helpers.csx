// Loaded by load.ipynb with #load.
int Twice(int x) => 2 * x;
