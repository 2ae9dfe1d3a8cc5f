// SHAPE ONLY: replaced by the owner of this project.
return 1;
